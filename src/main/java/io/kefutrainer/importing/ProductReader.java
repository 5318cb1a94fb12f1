package io.kefutrainer.importing;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a product export: a Taobao seller's CSV (宝贝名称/标题, 价格, 属性/SKU, 库存, 详情, 尺码表 matched by header
 * name) or the minimal `title,price,attributes,size_chart`. Attributes and size charts are `key:value` pairs
 * separated by ; or | (面料:棉95%;版型:常规 — S:155-160cm|M:160-165cm). An .xlsx is read from its first sheet.
 */
public final class ProductReader {

    private static final Map<String, List<String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("title", List.of("title", "宝贝名称", "宝贝标题", "标题", "商品名称", "商品标题"));
        COLUMNS.put("price", List.of("price", "价格", "宝贝价格", "一口价", "销售价"));
        COLUMNS.put("attributes", List.of("attributes", "属性", "宝贝属性", "sku", "销售属性", "属性/sku", "sku属性"));
        COLUMNS.put("stock", List.of("stock", "库存", "宝贝数量", "数量"));
        COLUMNS.put("detail", List.of("detail", "详情", "宝贝描述", "描述"));
        COLUMNS.put("size_chart", List.of("size_chart", "尺码表", "尺码"));
    }

    private static final int DETAIL_MAX = 200;

    private ProductReader() {
    }

    public static List<ImportedProduct> read(Path file) throws IOException, ImportException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xls")) {
            throw new ImportException(new ImportProblem(file, 1, "不支持旧的 .xls 文件:请另存为 .xlsx 或「CSV UTF-8」再导入"));
        }
        String text = name.endsWith(".xlsx") ? XlsxSheet.csv(file) : ImportFiles.text(file);
        int[] lineStarts = ImportFiles.lineStarts(text);
        List<ImportProblem> problems = new ArrayList<>();
        List<ImportedProduct> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).build();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Map<String, Integer> columns = columns(parser.getHeaderMap());
            for (String need : List.of("title", "price")) {
                if (!columns.containsKey(need)) {
                    throw new ImportException(new ImportProblem(file, 1, "找不到" + ("title".equals(need) ? "标题列(宝贝名称/标题/title)" : "价格列(价格/price)")));
                }
            }
            for (CSVRecord r : parser) {
                int line = ImportFiles.lineAt(lineStarts, r.getCharacterPosition());
                if (r.size() > parser.getHeaderMap().size()) {
                    problems.add(new ImportProblem(file, line, "列数比表头多:含英文逗号的格子要用双引号括起来"));
                    continue;
                }
                String title = get(r, columns, "title");
                String priceText = get(r, columns, "price").replace("¥", "").replace("¥", "").replace("元", "")
                        .replace(",", "").strip();
                // a price range across SKUs (49-59): the scenario's price is the lowest
                priceText = priceText.replaceFirst("^([0-9.]+)\\s*[-~~至]\\s*[0-9.]+$", "$1");
                if (title.isEmpty()) {
                    problems.add(new ImportProblem(file, line, "标题为空"));
                    continue;
                }
                double price;
                try {
                    price = Double.parseDouble(priceText);
                } catch (NumberFormatException e) {
                    problems.add(new ImportProblem(file, line, "价格 '" + priceText + "' 不是数字"));
                    continue;
                }
                if (price < 0 || Double.isNaN(price) || Double.isInfinite(price)) {
                    problems.add(new ImportProblem(file, line, "价格不能是负数"));
                    continue;
                }
                Map<String, String> facts = new LinkedHashMap<>();
                Map<String, String> sizeChart = new LinkedHashMap<>();
                String bad = pairs(get(r, columns, "attributes"), facts);
                if (bad != null) {
                    problems.add(new ImportProblem(file, line, "属性 '" + bad + "' 应写成 名称:值(多个用 ; 隔开)"));
                    continue;
                }
                bad = pairs(get(r, columns, "size_chart"), sizeChart);
                if (bad != null) {
                    problems.add(new ImportProblem(file, line, "尺码表 '" + bad + "' 应写成 尺码:说明(多个用 | 或 ; 隔开)"));
                    continue;
                }
                String stock = get(r, columns, "stock");
                if (!stock.isEmpty()) {
                    facts.put("库存", stock);
                }
                String detail = get(r, columns, "detail");
                if (!detail.isEmpty()) {
                    facts.put("详情", detail.length() > DETAIL_MAX ? detail.substring(0, DETAIL_MAX) + "…" : detail);
                }
                String id = idOf(title);
                if (!ids.add(id)) {
                    problems.add(new ImportProblem(file, line, "商品「" + title + "」重复了"));
                    continue;
                }
                out.add(new ImportedProduct(id, title, price, sizeChart, facts));
            }
        } catch (IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new ImportException(new ImportProblem(file, 1, "CSV 格式错误:" + e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new ImportException(problems);
        }
        return out;
    }

    /** Stable id: the same title always gives the same id. */
    static String idOf(String title) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(title.strip().getBytes(StandardCharsets.UTF_8));
            return "p-" + HexFormat.of().formatHex(hash).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Integer> columns(Map<String, Integer> header) {
        Map<String, Integer> out = new LinkedHashMap<>();
        header.forEach((h, i) -> {
            String key = h.strip().toLowerCase(Locale.ROOT).replace(" ", "");
            COLUMNS.forEach((column, names) -> {
                if (!out.containsKey(column) && names.contains(key)) {
                    out.put(column, i);
                }
            });
        });
        return out;
    }

    /** Adds `k:v;k:v` to the map; returns the first piece that is not a pair, or null. */
    private static String pairs(String text, Map<String, String> into) {
        if (text.isEmpty()) {
            return null;
        }
        for (String piece : text.split("[;;|\\n]")) {
            String p = piece.strip();
            if (p.isEmpty()) {
                continue;
            }
            int at = indexOfAny(p, ":", ":", "=");
            if (at <= 0 || at == p.length() - 1) {
                return p;
            }
            into.merge(p.substring(0, at).strip(), p.substring(at + 1).strip(), (a, b) -> a + "、" + b);
        }
        return null;
    }

    private static int indexOfAny(String s, String... seps) {
        int best = -1;
        for (String sep : seps) {
            int i = s.indexOf(sep);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    private static String get(CSVRecord r, Map<String, Integer> columns, String column) {
        Integer i = columns.get(column);
        return i == null || i >= r.size() ? "" : r.get(i).strip();
    }
}
