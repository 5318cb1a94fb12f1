package io.kefutrainer.importing;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces a buyer's personal data in chat text with placeholders ({手机号} {地址} {身份证号} {银行卡号} {订单号}
 * {买家} {客服}) and counts each kind, never keeping a value. Errs on the side of replacing: a number or place
 * wrongly scrubbed costs a trainer one edit, one left in costs a buyer their privacy.
 */
public final class Scrubber {

    /** The kinds of personal data, as reported in the last-line JSON, and their placeholders. */
    public enum Kind {
        phone("{手机号}"), address("{地址}"), id_number("{身份证号}"), bank_card("{银行卡号}"),
        order_number("{订单号}"), buyer("{买家}"), agent("{客服}");

        public final String placeholder;

        Kind(String placeholder) {
            this.placeholder = placeholder;
        }
    }

    private static final String CN_DIGITS = "零〇一二三四五六七八九";
    private static final String DIGIT = "[0-9０-９零〇一二三四五六七八九幺]";
    // digits with at most one space, dash or dot between them: 138 1234 5678, 138-1234-5678, 一三八一二三四五六七八
    private static final Pattern DIGIT_RUN = Pattern.compile(
            "(?:\\+\\s?86[\\s-]?|(?<![0-9０-９])86[\\s-])?" + DIGIT + "(?:[ \\-.]?" + DIGIT + "){5,}[Xx]?");
    private static final Pattern ORDER_CUE = Pattern.compile("(?:订单号?|单号|订单编号)\\s*[::是为]?\\s*$");

    private static final String HAN = "\\p{IsHan}";
    private static final String NUM = "[0-9０-９一二三四五六七八九十百零]+";
    /**
     * Province … room, every part optional; a match counts as an address when it has two parts or more
     * (杭州市西湖区, 文三路123号, 5栋2单元1502室), so 小区门口 or 区别 alone never do.
     */
    private static final Pattern ADDRESS = Pattern.compile(
            "((?:收货地址|地址|寄到|送到|发到|住在)[是为::]?\\s*)?"
                    + "(" + HAN + "{2,7}?(?:省|自治区))?\\s*"
                    + "(" + HAN + "{2,7}?(?:市|州|盟))?\\s*"
                    + "(" + HAN + "{1,7}?(?:区|县|旗|镇|乡))?\\s*"
                    + "(" + HAN + "{1,10}?(?:街道|大道|路|街|巷|弄|村|胡同))?\\s*"
                    + "(" + NUM + "\\s*(?:号院|号楼|号|弄|巷))?\\s*"
                    + "(" + "[" + "\\p{IsHan}0-9" + "]{1,10}?(?:小区|大厦|花园|公寓|家园|苑|广场|中心|大楼|宿舍))?\\s*"
                    + "(" + "[0-9A-Za-z一二三四五六七八九十]+\\s*(?:栋|幢|座|号楼|期))?\\s*"
                    + "(" + NUM + "\\s*单元)?\\s*"
                    + "([0-9]{2,5}\\s*(?:室|房|号)?)?");

    private static final Pattern ADDRESS_CUE = Pattern.compile("(?:收货地址|地址|寄到|送到|发到|住在)[是为::]?\\s*");
    private static final Pattern INTRODUCED_NAME = Pattern.compile(
            "((?:收件人|收货人|联系人|姓名|名字叫|名字是|我叫)\\s*[::是叫]?\\s*)(" + HAN + "{2,4})");
    private static final Pattern AGENT_NAME = Pattern.compile("(客服|我是)([小阿]" + HAN + ")(?=$|[\\s,,。.!!~~、])");
    private static final Pattern TAOBAO_NICK = Pattern.compile("(?<![A-Za-z0-9])tb[_-]?[0-9A-Za-z_]{4,}", Pattern.CASE_INSENSITIVE);

    private final Pattern honorificName;

    private Scrubber(Pattern honorificName) {
        this.honorificName = honorificName;
    }

    public static Scrubber create(Cues cues) {
        String compound = String.join("|", cues.compoundSurnames());
        String single = "[" + cues.surnames().replaceAll("[^\\p{IsHan}]", "") + "]";
        return new Scrubber(Pattern.compile("(?:" + (compound.isEmpty() ? "" : compound + "|") + single + ")"
                + "(?:" + HAN + "{0,2}?)(先生|女士|小姐|太太|老师|师傅|阿姨|大哥|姐)"));
    }

    /** What one scrub pass replaced: kind → count (only kinds that occurred). */
    public static final class Report {
        private final Map<Kind, Integer> counts = new LinkedHashMap<>();

        void add(Kind kind) {
            counts.merge(kind, 1, Integer::sum);
        }

        public void addAll(Report other) {
            other.counts.forEach((k, v) -> counts.merge(k, v, Integer::sum));
        }

        public Map<String, Integer> asMap() {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (Kind k : Kind.values()) {
                if (counts.containsKey(k)) {
                    out.put(k.name(), counts.get(k));
                }
            }
            return out;
        }
    }

    /**
     * @param buyerNicks nicknames of this conversation's buyer (replaced wherever they appear)
     * @param agentNicks nicknames of this conversation's agents
     */
    public String scrub(String text, Collection<String> buyerNicks, Collection<String> agentNicks, Report report) {
        String s = text;
        s = literal(s, agentNicks, Kind.agent, report);
        s = literal(s, buyerNicks, Kind.buyer, report);
        s = numbers(s, report);
        s = replace(s, ADDRESS, m -> parts(m) >= 2 ? cue(m.group()) + Kind.address.placeholder : null, Kind.address, report);
        s = replace(s, INTRODUCED_NAME, m -> m.group(1) + Kind.buyer.placeholder, Kind.buyer, report);
        s = replace(s, AGENT_NAME, m -> m.group(1) + Kind.agent.placeholder, Kind.agent, report);
        s = replace(s, honorificName, m -> Kind.buyer.placeholder + m.group(1), Kind.buyer, report);
        s = replace(s, TAOBAO_NICK, m -> Kind.buyer.placeholder, Kind.buyer, report);
        return s;
    }

    private static String literal(String s, Collection<String> nicks, Kind kind, Report report) {
        List<String> longestFirst = nicks.stream().filter(n -> n != null && n.strip().length() >= 2)
                .map(String::strip).distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String nick : longestFirst) {
            s = replace(s, Pattern.compile(Pattern.quote(nick)), m -> kind.placeholder, kind, report);
        }
        return s;
    }

    private static String numbers(String s, Report report) {
        Matcher m = DIGIT_RUN.matcher(s);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            Kind kind = classify(m.group(), s.substring(0, m.start()));
            if (kind == null) {
                continue;
            }
            out.append(s, last, m.start()).append(kind.placeholder);
            report.add(kind);
            last = m.end();
        }
        return out.append(s.substring(last)).toString();
    }

    /** What a run of digits is, from its digits and the words before it; null = an ordinary number. */
    static Kind classify(String run, String before) {
        boolean plus86 = run.startsWith("+") || run.matches("^86[\\s-].*");
        boolean separated = run.replaceFirst("^\\+?\\s?86[\\s-]?", "").matches(".*[ \\-.].*");
        String digits = digits(run);
        if (plus86 && digits.startsWith("86")) {
            digits = digits.substring(2);
        }
        boolean x = digits.endsWith("X");
        String d = x ? digits.substring(0, digits.length() - 1) : digits;
        if (ORDER_CUE.matcher(before).find() && d.length() >= 6) {
            return Kind.order_number;
        }
        if (!x && d.length() == 11 && d.matches("1[3-9][0-9]{9}")) {
            return Kind.phone;
        }
        if (!x && d.matches("0[1-9][0-9]{1,2}[0-9]{7,8}") && d.length() >= 10 && d.length() <= 12) {
            return Kind.phone; // 座机 with area code
        }
        if (d.length() == 17 && x || d.length() == 18 && d.matches("[1-9][0-9]{5}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{4}")) {
            return Kind.id_number;
        }
        if (x) {
            return null;
        }
        if (d.length() >= 15 && d.length() <= 19 && luhn(d)) {
            return Kind.bank_card;
        }
        if (separated) {
            // 110 38 120: sizes and weights in a row, not an identifier
            return d.length() >= 16 && d.length() <= 19 && run.matches("[0-9]{4}([ -][0-9]{4}){3,4}[0-9]{0,3}") ? Kind.bank_card : null;
        }
        if (d.length() >= 12) {
            return Kind.order_number;
        }
        return d.length() >= 9 && d.length() <= 11 && run.codePoints().anyMatch(c -> CN_DIGITS.indexOf(c) >= 0 || c == '幺')
                ? Kind.phone : null;
    }

    static String digits(String run) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            } else if (c >= '０' && c <= '９') {
                b.append((char) ('0' + (c - '０')));
            } else if (c == '幺') {
                b.append('1');
            } else if (c == '〇' || c == '零') {
                b.append('0');
            } else if (CN_DIGITS.indexOf(c) >= 2) {
                b.append((char) ('0' + CN_DIGITS.indexOf(c) - 1));
            } else if (c == 'X' || c == 'x') {
                b.append('X');
            }
        }
        return b.toString();
    }

    private static boolean luhn(String d) {
        int sum = 0;
        for (int i = 0; i < d.length(); i++) {
            int n = d.charAt(d.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                n *= 2;
                if (n > 9) {
                    n -= 9;
                }
            }
            sum += n;
        }
        return sum % 10 == 0;
    }

    /** The words up to 地址是 / 寄到 inside an address match (那寄到浙江省… → 那寄到): kept, they are not the address. */
    private static String cue(String match) {
        Matcher c = ADDRESS_CUE.matcher(match);
        int keep = 0;
        if (c.find()) {
            keep = c.end();
        }
        String before = match.substring(0, keep);
        // a cue after part of the address would keep that part: then replace all of it
        return before.matches(".*[省市州区县镇乡路街巷弄号栋幢室].*") ? "" : before;
    }

    private static int parts(Matcher m) {
        int n = 0;
        for (int g = 2; g <= m.groupCount(); g++) { // group 1 is the cue (地址是, 寄到) kept before the placeholder
            if (m.group(g) != null && !m.group(g).isBlank()) {
                n++;
            }
        }
        return n;
    }

    private static String replace(String s, Pattern p, Function<Matcher, String> with, Kind kind, Report report) {
        Matcher m = p.matcher(s);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            if (m.end() == m.start()) {
                continue;
            }
            String replacement = with.apply(m);
            if (replacement == null) {
                continue;
            }
            out.append(s, last, m.start()).append(replacement);
            report.add(kind);
            last = m.end();
        }
        return out.append(s.substring(last)).toString();
    }
}
