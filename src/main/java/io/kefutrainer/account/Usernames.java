package io.kefutrainer.account;

import java.util.regex.Pattern;

/** Usernames are ASCII so they can be typed on any keyboard at the login page; display names carry Chinese. */
public final class Usernames {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,39}");

    private Usernames() {
    }

    /** Null when acceptable, else the reason in Chinese. */
    public static String problem(String username) {
        if (username == null || username.isBlank()) {
            return "用户名不能为空";
        }
        if (!VALID.matcher(username).matches()) {
            return "用户名只能包含字母、数字、点、下划线和短横线,2–40 位,以字母或数字开头";
        }
        return null;
    }

    public static String problemWithDisplayName(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            return "姓名不能为空";
        }
        if (displayName.length() > 60) {
            return "姓名最多 60 个字";
        }
        return null;
    }
}
