package io.kefutrainer.account;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a trainee list exported from a spreadsheet: UTF-8 (with or without Excel's BOM), a header row
 * naming the columns in English or Chinese — 用户名/username, 姓名/name, 密码/password (optional).
 * Every row is checked before anything is imported, so one bad row imports nothing.
 */
public final class TraineeCsv {

    public record Row(int line, String username, String displayName, String password) {
    }

    public record Result(List<Row> rows, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty() && !rows.isEmpty();
        }
    }

    public static final int MAX_ROWS = 2000;

    private static final Map<String, String> HEADERS = Map.ofEntries(
            Map.entry("username", "username"), Map.entry("用户名", "username"), Map.entry("账号", "username"),
            Map.entry("name", "name"), Map.entry("display_name", "name"), Map.entry("姓名", "name"),
            Map.entry("名字", "name"),
            Map.entry("password", "password"), Map.entry("密码", "password"), Map.entry("初始密码", "password"));

    private TraineeCsv() {
    }

    public static Result parse(String text) {
        List<String> errors = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).build();
        try (CSVParser parser = CSVParser.parse(new StringReader(body), format)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.isEmpty()) {
                return new Result(rows, List.of("文件是空的:第一行应为表头,例如 用户名,姓名,密码"));
            }
            CSVRecord header = records.get(0);
            int userCol = -1, nameCol = -1, passCol = -1;
            for (int i = 0; i < header.size(); i++) {
                String key = HEADERS.get(header.get(i).trim().toLowerCase(Locale.ROOT));
                if ("username".equals(key)) userCol = i;
                else if ("name".equals(key)) nameCol = i;
                else if ("password".equals(key)) passCol = i;
            }
            if (userCol < 0 || nameCol < 0) {
                return new Result(rows, List.of("第 1 行:表头必须包含 用户名(username) 和 姓名(name) 两列,可选 密码(password)"));
            }
            if (records.size() - 1 > MAX_ROWS) {
                return new Result(rows, List.of("一次最多导入 " + MAX_ROWS + " 人"));
            }
            Set<String> seen = new HashSet<>();
            for (CSVRecord record : records.subList(1, records.size())) {
                int line = (int) record.getRecordNumber(); // the header is record 1, so this is the spreadsheet row
                String username = cell(record, userCol);
                String name = cell(record, nameCol);
                String password = passCol >= 0 ? cell(record, passCol) : "";
                String problem = Usernames.problem(username);
                if (problem == null) problem = Usernames.problemWithDisplayName(name);
                if (problem == null && !password.isEmpty()) problem = Passwords.problem(password);
                if (problem == null && !seen.add(username.toLowerCase(Locale.ROOT))) problem = "用户名 " + username + " 在文件中重复";
                if (problem != null) {
                    errors.add("第 " + line + " 行:" + problem);
                } else {
                    rows.add(new Row(line, username, name, password.isEmpty() ? null : password));
                }
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            errors.add("无法解析 CSV:" + e.getMessage());
        }
        if (errors.isEmpty() && rows.isEmpty()) {
            errors.add("文件中没有学员数据");
        }
        return new Result(rows, errors);
    }

    private static String cell(CSVRecord record, int col) {
        return col < record.size() ? record.get(col).trim() : "";
    }
}
