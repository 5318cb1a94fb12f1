package io.kefutrainer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefutrainer.scenario.CatalogSnapshot;
import io.kefutrainer.scenario.ScenarioCatalog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("import-products and import-chats: contracts, scrubbing, drafts that validate and play")
class ImportCommandsTest {

    private static final Path SAMPLES = Path.of("src/test/resources/importing");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
        JsonNode last() throws IOException {
            List<String> lines = out.lines().toList();
            return JSON.readTree(lines.get(lines.size() - 1));
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    @DisplayName("a Taobao export (BOM, Chinese headers) becomes one product file per item with stable ids")
    void taobaoHeaders() throws IOException {
        Run r = run("import-products", SAMPLES.resolve("products-taobao.csv").toString(), "--to", dir.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode last = r.last();
        assertEquals(2, last.get("imported").asInt());
        String id = last.get("products").get(0).asText();
        String yaml = Files.readString(dir.resolve("products").resolve(id + ".yaml"));
        assertTrue(yaml.contains("title: 儿童棉质卡通短袖T恤"), yaml);
        assertTrue(yaml.contains("price: 49"), yaml);
        assertTrue(yaml.contains("面料: 棉95% 氨纶5%"), yaml);
        assertTrue(yaml.contains("\"110\": 身高100-110cm"), yaml);
        Run again = run("import-products", SAMPLES.resolve("products-taobao.csv").toString(), "--to", dir.resolve("again").toString());
        assertEquals(last.get("products"), again.last().get("products"), "the same titles give the same ids");
    }

    @Test
    @DisplayName("the same export saved as .xlsx gives the same product files")
    void xlsx() throws IOException {
        Run csv = run("import-products", SAMPLES.resolve("products-taobao.csv").toString(), "--to", dir.resolve("csv").toString());
        Run xlsx = run("import-products", SAMPLES.resolve("products-taobao.xlsx").toString(), "--to", dir.resolve("xlsx").toString());
        assertEquals(0, xlsx.exit(), xlsx.err());
        assertEquals(csv.last(), xlsx.last());
        for (JsonNode id : xlsx.last().get("products")) {
            String name = "products/" + id.asText() + ".yaml";
            assertEquals(Files.readString(dir.resolve("csv").resolve(name)), Files.readString(dir.resolve("xlsx").resolve(name)));
        }
        Path old = dir.resolve("old.xls");
        Files.write(old, new byte[]{1, 2, 3});
        Run xls = run("import-products", old.toString(), "--to", dir.resolve("xls").toString());
        assertEquals(1, xls.exit());
        assertTrue(xls.err().startsWith(old + ":1: "), xls.err());
        assertFalse(Files.exists(dir.resolve("xls")));
    }

    @Test
    @DisplayName("the minimal form title,price,attributes,size_chart works too")
    void minimalHeaders() throws IOException {
        Run r = run("import-products", SAMPLES.resolve("products-minimal.csv").toString(), "--to", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(2, r.last().get("imported").asInt());
        try (Stream<Path> files = Files.list(dir.resolve("products"))) {
            assertEquals(2, files.count());
        }
    }

    @Test
    @DisplayName("a bad row: FILE:LINE: message on stderr, exit 1, nothing written")
    void badRow() {
        Path file = SAMPLES.resolve("products-bad-row.csv");
        Run r = run("import-products", file.toString(), "--to", dir.resolve("out").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith(file + ":3: "), r.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    @Test
    @DisplayName("a bad chat row: FILE:LINE: message, exit 1, nothing written")
    void badChatRow() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "conversation,time,from,text\nc1,10:00,buyer,在吗\nc1,10:01,shop,亲您好\n");
        Run r = run("import-chats", file.toString(), "--to", dir.resolve("out").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith(file + ":3: "), r.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    @DisplayName("the 千牛 text sample: two conversations, nicknames and numbers scrubbed")
    void qianniuSample() throws IOException {
        Path out = dir.resolve("out");
        Run r = run("import-chats", SAMPLES.resolve("qianniu.txt").toString(), "--to", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(2, r.last().get("conversations").asInt());
        assertEquals(2, r.last().get("drafts").asInt());
        String all = allText(out);
        for (String value : List.of("tb_xiaomei2024", "小王", "李先生在路上", "186-0000-1234", "18600001234", "110101199003071234")) {
            assertFalse(all.contains(value), value);
        }
        assertTrue(all.contains("draft: true"), all);
        assertTrue(all.contains("  - 在吗\n    - 这个杯子能放微波炉吗\n"), "the opening burst stays a burst: " + all);
        assertEquals("{\"bargaining\":1,\"after_sales\":1}", r.last().get("categories").toString());
    }

    @Test
    @DisplayName("--product ID gives every draft the imported product card; an unknown id is an error")
    void draftsWithProduct() throws IOException {
        Path out = dir.resolve("out");
        Run products = run("import-products", SAMPLES.resolve("products-minimal.csv").toString(), "--to", out.toString());
        String mug = products.last().get("products").get(0).asText();
        Run r = run("import-chats", SAMPLES.resolve("qianniu.txt").toString(), "--to", out.toString(), "--product", mug);
        assertEquals(0, r.exit(), r.err());
        assertEquals(2, r.last().get("drafts").asInt(), r.out());
        String drafts = allText(out.resolve("drafts"));
        assertTrue(drafts.contains("  title: 陶瓷马克杯 350ml\n  price: 29.9\n"), drafts);
        assertFalse(drafts.contains("id: " + mug), drafts);
        Run unknown = run("import-chats", SAMPLES.resolve("qianniu.txt").toString(), "--to", dir.resolve("x").toString(), "--product", "p-0000000000");
        assertEquals(1, unknown.exit());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    @DisplayName("a scenario may name an imported product by id (product: p-…); an unknown id is path:line:col with the closest id")
    void productReference() throws IOException {
        copyContent();
        String mug = run("import-products", SAMPLES.resolve("products-minimal.csv").toString(), "--to", dir.toString())
                .last().get("products").get(0).asText();
        assertEquals(0, run("import-chats", SAMPLES.resolve("chats.csv").toString(), "--to", dir.toString()).exit());
        Path draft;
        try (Stream<Path> files = Files.list(dir.resolve("drafts"))) {
            draft = files.filter(p -> p.toString().endsWith(".yaml")).sorted().findFirst().orElseThrow();
        }
        String text = Files.readString(draft);
        String referencing = text.replaceFirst("(?m)^product:\\n(  .*\\n)+", "product: " + mug + "\n");
        assertTrue(referencing.contains("\nproduct: " + mug + "\n"), referencing);
        Files.writeString(draft, referencing);
        Run ok = run("validate", dir.toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertEquals(0, run("test-scenarios", draft.toString()).exit());
        assertEquals("陶瓷马克杯 350ml", ScenarioCatalog.load(dir).scenarios().values().stream()
                .filter(s -> s.source().equals(draft)).findFirst().orElseThrow().product().title(), "the card comes from products/");

        String typo = mug.substring(0, mug.length() - 1) + (mug.endsWith("0") ? "1" : "0");
        Files.writeString(draft, referencing.replace("product: " + mug, "product: " + typo));
        int line = List.of(referencing.split("\n", -1)).indexOf("product: " + mug) + 1;
        Run bad = run("validate", dir.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.out().contains(draft + ":" + line + ":10: error: product: 商品 '" + typo + "' 不在 products/ 里(是不是要写 '"
                + mug + "'?)"), bad.out() + bad.err());
    }

    @Test
    @DisplayName("千牛 text: a message line before any 昵称 时间 header is FILE:LINE, nothing written")
    void qianniuWithoutHeader() throws IOException {
        Path file = dir.resolve("chat.txt");
        Files.writeString(file, "\n在吗\ntb_x 2024-05-01 10:00:00\n你好\n");
        Run r = run("import-chats", file.toString(), "--to", dir.resolve("out").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith(file + ":2: "), r.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    @DisplayName("200 synthetic conversations: no phone, address, ID, card, order number or name survives; drafts validate and play")
    void twoHundredConversations() throws IOException {
        copyContent();
        Synthetic s = synthetic(200, new Random(19));
        Path csv = dir.resolve("chats.csv");
        Files.writeString(csv, s.csv(), StandardCharsets.UTF_8);
        Run r = run("import-chats", csv.toString(), "--to", dir.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode last = r.last();
        assertEquals(200, last.get("conversations").asInt());
        assertEquals(200, last.get("drafts").asInt(), r.out());
        for (String kind : List.of("phone", "address", "id_number", "bank_card", "order_number", "buyer")) {
            assertTrue(last.get("scrubbed").path(kind).asInt() > 0, kind + " in " + last);
        }
        assertTrue(last.get("categories").size() >= 3, last.toString());

        Files.delete(csv); // the source itself is not output
        String all = allText(dir.resolve("drafts")) + r.out() + r.err();
        for (String value : s.secrets()) {
            assertFalse(all.contains(value), "left in the output: " + value);
        }

        // products imported into the same content root are not taken for scenarios
        assertEquals(0, run("import-products", SAMPLES.resolve("products-minimal.csv").toString(), "--to", dir.toString()).exit());
        // DIR is a content root like scenarios/ (rules.yaml, lexicon/ beside drafts/), as with --to scenarios
        Run validate = run("validate", dir.toString());
        assertEquals(0, validate.exit(), validate.out());
        assertTrue(validate.out().contains("检查了 200 个场景文件:0 个错误"), validate.out());
        Run play = run("test-scenarios", dir.toString());
        assertEquals(0, play.exit(), play.out());
        assertEquals(200, play.out().lines().filter(l -> l.startsWith("PASS ") && l.contains("原对话里评分好的客服回复 → done")).count(), play.out());
        assertFalse(play.out().contains("没有测试对话走过"), "every branch of a draft is played: " + play.out());

        CatalogSnapshot catalog = ScenarioCatalog.load(dir);
        assertEquals(200, catalog.scenarios().size());
        assertTrue(catalog.summaries().isEmpty(), "drafts are not offered to trainees");
    }

    // ---- synthetic chats

    private record Synthetic(String csv, Set<String> secrets) {
    }

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "欧阳"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "小明", "晓燕", "建国", "海涛", "丽"};
    private static final String[] HONORIFICS = {"先生", "女士", "小姐"};
    private static final String[] PROVINCES = {"浙江省", "江苏省", "广东省", "四川省", ""};
    private static final String[] CITIES = {"杭州市", "南京市", "广州市", "成都市", "北京", "上海市"};
    private static final String[] DISTRICTS = {"西湖区", "鼓楼区", "天河区", "武侯区", "朝阳区", "浦东新区"};
    private static final String[] ROADS = {"文三路", "中山路", "天河北路", "人民南路", "建国路", "张江路"};
    private static final String[] ESTATES = {"阳光小区", "恒鼎大厦", "翠苑", "金色家园"};
    private static final String CN = "零一二三四五六七八九";

    private static final String[][] TOPICS = {
            {"身高165 体重110斤 穿什么码", "亲,您好~按您的身高体重建议拍M码哦,穿着刚好不会紧"},
            {"什么时候发货 我急用", "亲,您好~今天下午四点前付款当天就能发货哦,一般两三天到"},
            {"能便宜点吗 太贵了", "亲,您好~这个价格已经是活动价了哦,现在下单还送运费险呢"},
            {"收到的东西坏了 要退货", "亲,非常抱歉给您带来不好的体验,麻烦拍一下照片,我马上为您处理退货"},
            {"快递三天没更新了", "亲,非常抱歉让您久等了,我马上帮您联系快递查询物流进度"},
            {"要开发票 公司抬头", "亲,您好~可以开发票的哦,麻烦提供一下公司抬头和税号"},
            {"这个是纯棉的吗", "亲,您好~面料是95%棉加5%氨纶,手感柔软透气哦"},
            {"双十一有满减吗", "亲,您好~双十一当天全店满300减30,还可以叠加店铺优惠券哦"},
    };

    private static Synthetic synthetic(int n, Random rnd) {
        StringBuilder csv = new StringBuilder("conversation,time,from,text,nick\n");
        Set<String> secrets = new LinkedHashSet<>();
        for (int i = 1; i <= n; i++) {
            String conv = "c" + i;
            String nick = "买家" + (char) ('a' + rnd.nextInt(26)) + "小" + GIVEN[rnd.nextInt(GIVEN.length)] + i;
            String agentNick = "旗舰店:客服" + GIVEN[rnd.nextInt(GIVEN.length)] + i;
            secrets.add(nick);
            String surname = SURNAMES[rnd.nextInt(SURNAMES.length)];
            String fullName = surname + GIVEN[rnd.nextInt(GIVEN.length)];
            String honorific = surname + HONORIFICS[rnd.nextInt(HONORIFICS.length)];
            secrets.add(fullName);
            secrets.add(honorific);
            String phoneDigits = "1" + (3 + rnd.nextInt(7)) + digits(rnd, 9);
            String phone = phoneSpelling(phoneDigits, rnd);
            secrets.add(phone);
            secrets.add(phoneDigits);
            String address = address(rnd);
            secrets.add(address);
            String id = idNumber(rnd);
            String idSpelled = rnd.nextBoolean() ? id : id.substring(0, 6) + " " + id.substring(6, 14) + " " + id.substring(14);
            secrets.add(idSpelled);
            secrets.add(id);
            String card = bankCard(rnd);
            String cardSpelled = rnd.nextBoolean() ? card : card.replaceAll("(\\d{4})(?=\\d)", "$1 ");
            secrets.add(cardSpelled);
            secrets.add(card);
            String order = "3" + digits(rnd, 18);
            secrets.add(order);

            String[] topic = TOPICS[rnd.nextInt(TOPICS.length)];
            row(csv, conv, "buyer", "在吗", nick);
            row(csv, conv, "buyer", topic[0], nick);
            row(csv, conv, "agent", topic[1] + (rnd.nextBoolean() ? "" : "," + honorific + "有问题随时找我~"), agentNick);
            List<String> personal = new ArrayList<>(List.of(
                    "收件人:" + fullName + " 电话" + phone,
                    "地址是" + address,
                    "我叫" + fullName + ",手机 " + phone,
                    surname + "女士的号码是" + phone,
                    "订单号:" + order,
                    "身份证 " + idSpelled,
                    "退款打到这张卡 " + cardSpelled,
                    "我是" + nick + " 之前买过"));
            java.util.Collections.shuffle(personal, rnd);
            row(csv, conv, "buyer", personal.get(0), nick);
            row(csv, conv, "buyer", personal.get(1), nick);
            row(csv, conv, "agent", "好的" + (rnd.nextBoolean() ? honorific : nick) + ",已经为您备注好了,请放心~", agentNick);
            row(csv, conv, "buyer", personal.get(2) + " " + personal.get(3), nick);
            if (rnd.nextInt(5) == 0) {
                row(csv, conv, "agent", "自己看详情页", agentNick);
            } else {
                row(csv, conv, "agent", "收到了亲,已经帮您登记,有进展第一时间通知您哦~", agentNick);
            }
            secrets.add(surname + "女士");
        }
        return new Synthetic(csv.toString(), secrets);
    }

    private static void row(StringBuilder csv, String conv, String from, String text, String nick) {
        csv.append(conv).append(",2024-05-01 10:00:00,").append(from).append(",\"")
                .append(text.replace("\"", "\"\"")).append("\",").append(nick).append('\n');
    }

    private static String digits(Random rnd, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(rnd.nextInt(10));
        }
        return b.toString();
    }

    private static String phoneSpelling(String d, Random rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> d;
            case 1 -> d.substring(0, 3) + " " + d.substring(3, 7) + " " + d.substring(7);
            case 2 -> d.substring(0, 3) + "-" + d.substring(3, 7) + "-" + d.substring(7);
            case 3 -> "+86 " + d.substring(0, 3) + " " + d.substring(3, 7) + " " + d.substring(7);
            case 4 -> "+86" + d;
            case 5 -> {
                StringBuilder b = new StringBuilder();
                d.chars().forEach(c -> b.append(CN.charAt(c - '0')));
                yield b.toString();
            }
            case 6 -> {
                StringBuilder b = new StringBuilder();
                d.chars().forEach(c -> b.append((char) ('０' + (c - '0'))));
                yield b.toString();
            }
            default -> "86-" + d;
        };
    }

    private static String address(Random rnd) {
        int city = rnd.nextInt(CITIES.length);
        String a = PROVINCES[rnd.nextInt(PROVINCES.length)] + CITIES[city] + DISTRICTS[rnd.nextInt(DISTRICTS.length)]
                + ROADS[rnd.nextInt(ROADS.length)] + (1 + rnd.nextInt(300)) + "号";
        return switch (rnd.nextInt(3)) {
            case 0 -> a;
            case 1 -> a + ESTATES[rnd.nextInt(ESTATES.length)] + (1 + rnd.nextInt(20)) + "栋" + (1 + rnd.nextInt(4)) + "单元" + (101 + rnd.nextInt(2000)) + "室";
            default -> a + " " + (1 + rnd.nextInt(30)) + "号楼" + (101 + rnd.nextInt(1500));
        };
    }

    private static String idNumber(Random rnd) {
        String body = (110000 + rnd.nextInt(540000)) + "" + (1960 + rnd.nextInt(45))
                + String.format("%02d%02d", 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)) + digits(rnd, 3);
        return body + (rnd.nextInt(11) == 10 ? "X" : String.valueOf(rnd.nextInt(10)));
    }

    private static String bankCard(Random rnd) {
        String body = "62" + digits(rnd, rnd.nextBoolean() ? 13 : 16);
        for (int check = 0; check < 10; check++) {
            if (luhn(body + check)) {
                return body + check;
            }
        }
        throw new IllegalStateException();
    }

    private static boolean luhn(String d) {
        int sum = 0;
        for (int i = 0; i < d.length(); i++) {
            int n = d.charAt(d.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                n = n * 2 > 9 ? n * 2 - 9 : n * 2;
            }
            sum += n;
        }
        return sum % 10 == 0;
    }

    // ---- helpers

    private static String allText(Path root) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                b.append(p).append('\n').append(Files.readString(p)).append('\n');
            }
        }
        return b.toString();
    }

    /** The content the scorer and the id checks need, beside the drafts as in scenarios/. */
    private void copyContent() throws IOException {
        Path src = Path.of("scenarios");
        for (String name : new String[]{"rules.yaml", "rubric.yaml", "kpi.yaml", "normalise.yaml"}) {
            Files.copy(src.resolve(name), dir.resolve(name));
        }
        for (String folder : new String[]{"lexicon", "model"}) {
            try (Stream<Path> files = Files.walk(src.resolve(folder))) {
                for (Path p : files.toList()) {
                    Path target = dir.resolve(src.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
        }
    }
}
