package io.kefutrainer.scoring;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayName("Normalisation")
class NormalizerTest {

    private final Normalizer n = TestContent.CONTENT.normalizer();

    @Test
    @DisplayName("full-width letters, digits and punctuation become half-width and lower case")
    void fullWidth() {
        assertEquals("vx:abc123,ok!", n.normalize("ＶＸ：ＡＢＣ１２３，ＯＫ！").text());
    }

    @Test
    @DisplayName("spaces inside a dodge are closed up, spaces between English words are kept")
    void spacing() {
        assertEquals("加微信", n.normalize("加 微　信").text());
        assertEquals("vx", n.normalize("v x").text());
        assertEquals("add me", n.normalize("add me").text());
    }

    @Test
    @DisplayName("emoji are dropped, hearts become ❤ (加❤ stands for 加信)")
    void emoji() {
        assertEquals("好的哦", n.normalize("好的😊哦🙏").text());
        assertEquals("加❤", n.normalize("加💚").text());
        assertEquals("加❤", n.normalize("加❤️").text());
    }

    @Test
    @DisplayName("Chinese numerals become Arabic digits: 三天 = 3天, 一百四十九 = 149, 幺三八 = 138, 十五 = 15")
    void numerals() {
        assertEquals("3天", n.normalize("三天").text());
        assertEquals("149元", n.normalize("一百四十九元").text());
        assertEquals("138", n.normalize("幺三八").text());
        assertEquals("15号", n.normalize("十五号").text());
        assertEquals("105", n.normalize("一百零五").text());
        assertEquals("百搭", n.normalize("百搭").text());
    }

    @Test
    @DisplayName("traditional characters become simplified (加維信 = 加维信)")
    void traditional() {
        assertEquals("加维信", n.normalize("加維信").text());
    }

    @Test
    @DisplayName("every normalised character maps back to its span in the original text")
    void offsets() {
        String original = "亲 😊 三百元，加ＶＸ";
        NormalizedText t = n.normalize(original);
        assertEquals("亲300元,加vx", t.text());
        int at = t.text().indexOf("300");
        assertEquals("三百", original.substring(t.originalStart(at), t.originalEnd(at + 3)));
        int vx = t.text().indexOf("vx");
        assertEquals("ＶＸ", original.substring(t.originalStart(vx), t.originalEnd(vx + 2)));
    }
}
