package io.kefutrainer.account;

import java.util.Arrays;
import java.util.Optional;

/** Who someone is in the training room; the names are stored in the database and sent in JSON. */
public enum Role {
    trainee("学员", "/train"),
    trainer("培训师", "/trainer/scenarios"),
    manager("主管", "/dashboard"),
    admin("管理员", "/admin/users");

    private final String label;
    private final String home;

    Role(String label, String home) {
        this.label = label;
        this.home = home;
    }

    /** The Chinese name shown in the UI. */
    public String label() {
        return label;
    }

    /** The page a user of this role lands on after signing in. */
    public String home() {
        return home;
    }

    public static Optional<Role> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        return Arrays.stream(values())
                .filter(r -> r.name().equalsIgnoreCase(v) || r.label.equals(v))
                .findFirst();
    }
}
