package io.kefutrainer.importing;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The first worksheet of an .xlsx file as CSV text, one line per spreadsheet row (so FILE:LINE is the row
 * number Excel shows). Reads the OOXML parts with the JDK alone: a product export needs cell text, not a
 * spreadsheet library. Formulas give their cached value; line breaks inside a cell become spaces.
 */
final class XlsxSheet {
    private XlsxSheet() {
    }

    static String csv(Path file) throws IOException, ImportException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> shared = new ArrayList<>();
            Document strings = xml(zip, "xl/sharedStrings.xml");
            if (strings != null) {
                NodeList items = strings.getElementsByTagNameNS("*", "si");
                for (int i = 0; i < items.getLength(); i++) {
                    shared.add(text((Element) items.item(i)));
                }
            }
            Document sheet = xml(zip, firstSheet(zip));
            if (sheet == null) {
                throw new ImportException(new ImportProblem(file, 1, "Excel 文件里没有工作表"));
            }
            TreeMap<Integer, Map<Integer, String>> rows = new TreeMap<>();
            NodeList cells = sheet.getElementsByTagNameNS("*", "c");
            for (int i = 0; i < cells.getLength(); i++) {
                Element c = (Element) cells.item(i);
                String ref = c.getAttribute("r");
                int row = Integer.parseInt(ref.replaceAll("[A-Z]", ""));
                int col = column(ref.replaceAll("[0-9]", ""));
                rows.computeIfAbsent(row, r -> new HashMap<>()).put(col, value(c, shared));
            }
            StringBuilder out = new StringBuilder();
            int last = rows.isEmpty() ? 0 : rows.lastKey();
            int width = rows.values().stream().flatMap(m -> m.keySet().stream()).mapToInt(Integer::intValue).max().orElse(-1) + 1;
            for (int r = 1; r <= last; r++) {
                Map<Integer, String> row = rows.getOrDefault(r, Map.of());
                for (int c = 0; c < width && !row.isEmpty(); c++) {
                    if (c > 0) {
                        out.append(',');
                    }
                    String v = row.getOrDefault(c, "").replaceAll("\\R", " ");
                    out.append('"').append(v.replace("\"", "\"\"")).append('"');
                }
                out.append('\n');
            }
            return out.toString();
        } catch (java.util.zip.ZipException | IllegalArgumentException e) {
            throw new ImportException(new ImportProblem(file, 1, "不是有效的 .xlsx 文件(旧的 .xls 请另存为 .xlsx 或 CSV UTF-8)"));
        }
    }

    private static String firstSheet(ZipFile zip) {
        ZipEntry first = zip.getEntry("xl/worksheets/sheet1.xml");
        if (first != null) {
            return first.getName();
        }
        return zip.stream().map(ZipEntry::getName).filter(n -> n.startsWith("xl/worksheets/sheet") && n.endsWith(".xml"))
                .sorted().findFirst().orElse("xl/worksheets/sheet1.xml");
    }

    private static String value(Element c, List<String> shared) {
        String type = c.getAttribute("t");
        if ("inlineStr".equals(type)) {
            NodeList is = c.getElementsByTagNameNS("*", "is");
            return is.getLength() == 0 ? "" : text((Element) is.item(0));
        }
        NodeList v = c.getElementsByTagNameNS("*", "v");
        String raw = v.getLength() == 0 ? "" : v.item(0).getTextContent();
        if ("s".equals(type)) {
            int i = Integer.parseInt(raw.strip());
            return i >= 0 && i < shared.size() ? shared.get(i) : "";
        }
        if (raw.matches("-?[0-9]+\\.0+")) {
            return raw.substring(0, raw.indexOf('.')); // 49.0 → 49
        }
        return raw;
    }

    /** The text of a shared or inline string: its runs' <t> elements (ignoring phonetic <rPh> runs). */
    private static String text(Element si) {
        StringBuilder b = new StringBuilder();
        NodeList ts = si.getElementsByTagNameNS("*", "t");
        for (int i = 0; i < ts.getLength(); i++) {
            if (!"rPh".equals(ts.item(i).getParentNode().getLocalName())) {
                b.append(ts.item(i).getTextContent());
            }
        }
        return b.toString();
    }

    private static int column(String letters) {
        int n = 0;
        for (char ch : letters.toCharArray()) {
            n = n * 26 + (ch - 'A' + 1);
        }
        return n - 1;
    }

    private static Document xml(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            return null;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readAllBytes();
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // an uploaded file: no DTDs, no external entities
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = f.newDocumentBuilder();
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("xlsx part " + name + " is not valid XML: " + e.getMessage(), e);
        }
    }
}
