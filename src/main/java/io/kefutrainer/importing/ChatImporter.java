package io.kefutrainer.importing;

import io.kefutrainer.content.EngineSettingsReader;
import io.kefutrainer.scenario.ScenarioCatalog;
import io.kefutrainer.scenario.TranscriptRunner;
import io.kefutrainer.scenario.load.ScenarioFile;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.ReplyInput;
import io.kefutrainer.scoring.Scorer;
import io.kefutrainer.scoring.Verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * import-chats end to end: read → scrub (in memory, before anything is written) → classify → score the agent's
 * replies → write one draft per conversation under DIR/drafts/, each checked with validate and its good
 * transcript played; a draft that fails either is rewritten in its plain form (see {@link Drafter#draft}).
 */
public final class ChatImporter {

    /** What the last stdout line reports. */
    public record Result(int conversations, List<Path> drafts, Map<String, Integer> scrubbed,
                         Map<String, Integer> categories, List<String> notes) {
    }

    /** Beside each draft: the scrubbed conversation it came from, for the trainer's side-by-side review. */
    public static final String SOURCE_SUFFIX = ".source.json";

    /** A reply with a score below this is not used as a model answer, even when not judged impolite. */
    static final int GOOD_SCORE = 60;

    private final Scrubber scrubber;
    private final Classifier classifier;
    private final Scorer scorer;

    public ChatImporter(Cues cues, Scorer scorer) {
        this.scrubber = Scrubber.create(cues);
        this.classifier = new Classifier(cues);
        this.scorer = scorer;
    }

    /** @param product the product card every draft gets (see {@link ProductFiles#card}), or null */
    public Result run(Path file, Path dir, Map<String, Object> product) throws IOException, ImportException {
        List<Conversation> read = ChatReader.read(file);
        Scrubber.Report report = new Scrubber.Report();
        List<Conversation> scrubbed = new ArrayList<>();
        List<Scrubber.Report> reports = new ArrayList<>();
        for (Conversation c : read) {
            Scrubber.Report own = new Scrubber.Report();
            scrubbed.add(scrub(c, own));
            report.addAll(own);
            reports.add(own);
        }
        Map<String, Integer> categories = new LinkedHashMap<>();
        List<Path> drafts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        Path folder = dir.resolve("drafts");
        TranscriptRunner runner = new TranscriptRunner(scorer, EngineSettingsReader.defaults());
        for (int i = 0; i < scrubbed.size(); i++) {
            Conversation c = scrubbed.get(i);
            String category = classifier.classify(c.messages().stream().filter(ChatMessage::buyer).map(ChatMessage::text).toList());
            categories.merge(category, 1, Integer::sum);
            List<Drafter.Exchange> exchanges = scored(Drafter.exchanges(c.messages()));
            String id = Drafter.idFor(category + "\n" + String.join("\n", c.messages().stream()
                    .map(m -> (m.buyer() ? "B:" : "A:") + m.text()).toList()));
            if (!ids.add(id)) {
                notes.add("第 " + (i + 1) + " 段对话和前面一段相同,没有重复生成草稿");
                continue;
            }
            Map<String, Object> draft = Drafter.draft(id, category, i + 1, exchanges, false, product);
            if (draft == null) {
                notes.add("第 " + (i + 1) + " 段对话没有客服回复,没有生成草稿");
                continue;
            }
            Files.createDirectories(folder);
            Path out = folder.resolve(id + ".yaml");
            Files.writeString(out, YamlOut.write(draft));
            if (!plays(out, runner)) {
                Files.writeString(out, YamlOut.write(Drafter.draft(id, category, i + 1, exchanges, true, product)));
                if (!plays(out, runner)) {
                    Files.delete(out);
                    notes.add("第 " + (i + 1) + " 段对话生成的草稿没有通过 validate,已删除");
                    continue;
                }
            }
            Files.writeString(folder.resolve(id + SOURCE_SUFFIX), DraftSource.json(category, reports.get(i).asMap(), exchanges));
            drafts.add(out);
        }
        return new Result(read.size(), drafts, report.asMap(), categories, notes);
    }

    private Conversation scrub(Conversation c, Scrubber.Report report) {
        Set<String> buyers = c.buyerNicks();
        Set<String> agents = c.agentNicks();
        List<ChatMessage> clean = new ArrayList<>();
        for (ChatMessage m : c.messages()) {
            clean.add(new ChatMessage(m.buyer(), null, null, scrubber.scrub(m.text(), buyers, agents, report), m.line()));
        }
        return new Conversation(null, clean);
    }

    private List<Drafter.Exchange> scored(List<Drafter.Exchange> exchanges) {
        List<Drafter.Exchange> out = new ArrayList<>();
        for (int i = 0; i < exchanges.size(); i++) {
            Drafter.Exchange e = exchanges.get(i);
            boolean good = false;
            if (e.reply() != null) {
                boolean closing = i == exchanges.size() - 1 || (i == exchanges.size() - 2 && exchanges.get(i + 1).reply() == null);
                Annotations a = scorer.score(new ReplyInput(e.reply(), e.buyer(), i == 0, closing, List.of(), null, null));
                good = a.politeness().verdict() != Verdict.impolite && a.violations().isEmpty()
                        && a.politeness().score() >= GOOD_SCORE;
            }
            out.add(new Drafter.Exchange(e.buyer(), e.reply(), good));
        }
        return out;
    }

    /** The draft validates (no errors) and its good transcript reaches its ending. */
    private static boolean plays(Path draft, TranscriptRunner runner) {
        List<ScenarioFile> files = ScenarioCatalog.validate(List.of(draft)).files();
        if (files.size() != 1 || files.get(0).hasErrors() || files.get(0).scenario().isEmpty()) {
            return false;
        }
        return runner.runAll(files.get(0).scenario().get()).stream().allMatch(TranscriptRunner.Result::passed);
    }
}
