package io.kefutrainer.account;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraineeCsvTest {
    @Test
    @DisplayName("reads Chinese headers, an Excel BOM, quoted cells and optional passwords")
    void reads() {
        TraineeCsv.Result r = TraineeCsv.parse("\uFEFF用户名,姓名,密码\r\nzhangsan,张三,\r\nlisi,\"李,四\",secret-pass\r\n");
        assertTrue(r.ok(), r.errors().toString());
        assertEquals(2, r.rows().size());
        assertEquals("张三", r.rows().get(0).displayName());
        assertNull(r.rows().get(0).password());
        assertEquals("李,四", r.rows().get(1).displayName());
        assertEquals("secret-pass", r.rows().get(1).password());
    }

    @Test
    @DisplayName("names every bad row by its line and imports none")
    void errors() {
        TraineeCsv.Result r = TraineeCsv.parse("username,name\nok1,好\n,无名\nok1,重复\nok3,短密码\n");
        assertFalse(r.ok());
        assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("第 3 行")), r.errors().toString());
        assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("第 4 行") && e.contains("重复")), r.errors().toString());
        assertFalse(TraineeCsv.parse("姓名\n张三\n").ok(), "the username column is required");
        assertFalse(TraineeCsv.parse("").ok());
    }
}
