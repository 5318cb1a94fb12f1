package io.kefutrainer.progress;

import io.kefutrainer.content.ScoringFiles;
import io.kefutrainer.content.VocabularyReader;
import io.kefutrainer.scenario.Vocabulary;
import io.kefutrainer.scoring.KpiTargets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("KPI names: written once, in scenarios/kpi.yaml; the CSV, the pages and the browser read them from there")
class KpiNamesTest {
    private static final Path CONTENT = Path.of("scenarios");

    @Test
    @DisplayName("the CSV headers are kpi.yaml's labels with their units, in the columns' order")
    void csvHeadersFromKpiYaml() {
        List<String> headers = KpiCsv.headers(ScoringFiles.kpi(CONTENT.resolve("kpi.yaml")));
        assertEquals(List.of("学员", "用户名", "练习次数", "首次响应时间(秒)", "平均响应时间(秒)", "3分钟回复率(%)",
                "打字速度(字/分钟)", "答问比", "询单转化率(%)", "解决率(%)", "满意度(分)", "违规(次/百条)", "禁语(次/百条)",
                "礼貌分", "规则分", "测验正确率(%)", "可上岗", "未达标项"), headers);
    }

    @Test
    @DisplayName("renaming a KPI in kpi.yaml renames it in the CSV, the vocabulary the pages and scripts read, and readiness")
    void oneEditRenamesEverywhere(@TempDir Path dir) throws IOException {
        String yaml = Files.readString(CONTENT.resolve("kpi.yaml"))
                .replace("label: 首次响应时间", "label: 首响时长").replace("label: 练习次数", "label: 接待次数");
        Files.writeString(dir.resolve("kpi.yaml"), yaml);
        KpiTargets targets = ScoringFiles.kpi(dir.resolve("kpi.yaml"));
        assertTrue(KpiCsv.headers(targets).contains("首响时长(秒)"), KpiCsv.headers(targets).toString());
        Vocabulary words = VocabularyReader.load(dir);
        assertEquals("首响时长", words.kpi("firstResponseS"));
        assertEquals("秒", words.label("kpi_unit", "firstResponseS"));
        assertEquals("答问比", words.kpi("answerRatio"), "a figure without a target is named in measures:");
        Readiness r = Readiness.judge(targets, Kpis.NONE, new Readiness.Exam(true, true, ""));
        assertEquals("接待次数", r.unmet().get(0).label());
    }

    @Test
    @DisplayName("no Java, template or script of the product spells a KPI's or an outcome's name itself (a quoted label means a second copy)")
    void noSecondCopy() throws IOException {
        List<String> labels = new ArrayList<>();
        // 违规 and 禁语 are also plain nouns (a session's violations, a forbidden phrase), so only the longer names count
        ScoringFiles.kpi(CONTENT.resolve("kpi.yaml")).names().values().stream().map(KpiTargets.Target::label)
                .filter(l -> l.length() > 2).forEach(labels::add);
        labels.addAll(List.of("首次响应", "平均响应", "已下单"));
        // outcome words are labels.yaml's (成交, 买家流失 …): a script or page spelling one is a second copy too
        labels.addAll(VocabularyReader.load(CONTENT).all().get("outcome").values());
        List<String> found = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("src/main/resources/templates"), Path.of("webroot/js"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(f);
                    for (String label : labels) {
                        // as a whole string or cell: "礼貌分", '礼貌分', >礼貌分<, "首次响应时间(秒)"
                        Pattern p = Pattern.compile("[\"'>]" + Pattern.quote(label) + "([\"'<(]|\\(|$)");
                        if (p.matcher(text).find()) found.add(root.relativize(f) + ": " + label);
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
