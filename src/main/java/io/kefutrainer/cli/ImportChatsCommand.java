package io.kefutrainer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefutrainer.importing.ChatImporter;
import io.kefutrainer.importing.Cues;
import io.kefutrainer.importing.ImportException;
import io.kefutrainer.importing.ImportProblem;
import io.kefutrainer.importing.ProductFiles;
import io.kefutrainer.content.ScorerSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * `import-chats FILE --to DIR`: chat logs → scrubbed scenario drafts in DIR/drafts/. Last stdout line:
 * {"conversations":N,"drafts":M,"scrubbed":{kind:count},"categories":{category:count}}.
 */
@Command(name = "import-chats", mixinStandardHelpOptions = true,
        description = {"导入聊天记录(CSV conversation,time,from,text 或千牛聊天记录文本),先去除个人信息(手机号、地址、身份证号、",
                "银行卡号、订单号、昵称和姓名 → {手机号} {地址} … 占位符),再分类、给客服回复评分,每段对话写一个 draft: true 的场景草稿到 DIR/drafts/。"})
public final class ImportChatsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "聊天记录文件(UTF-8,可带 BOM)")
    Path file;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "输出目录(写到 DIR/drafts/;写 scenarios 则草稿和现有场景一起加载,但不给学员)")
    Path dir;

    @Option(names = "--content", paramLabel = "DIR", description = "评分用的内容目录(lexicon/、rules.yaml;默认 scenarios)")
    Path content = Path.of("scenarios");

    @Option(names = "--product", paramLabel = "ID", description = "草稿用的商品:import-products 写的 DIR/products/ID.yaml(不写则留空待填)")
    String product;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> card = null;
        if (product != null) {
            card = ProductFiles.card(dir, product);
            if (card == null) {
                err.println("kefu-trainer: error: 没有商品 " + dir.resolve("products").resolve(product + ".yaml")
                        + ":先运行 import-products 商品表.csv --to " + dir);
                err.flush();
                return 1;
            }
        }
        ChatImporter.Result result;
        try {
            result = new ChatImporter(Cues.load(), ScorerSource.load(content)).run(file, dir, card);
        } catch (ImportException e) {
            e.problems().stream().map(ImportProblem::format).forEach(err::println);
            err.flush();
            return 1;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println(file + ":1: 文件不存在");
            err.flush();
            return 1;
        }
        result.notes().forEach(out::println);
        result.drafts().forEach(d -> out.println("草稿 " + d));
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = mapper.createObjectNode();
        json.put("conversations", result.conversations());
        json.put("drafts", result.drafts().size());
        json.set("scrubbed", mapper.valueToTree(result.scrubbed()));
        json.set("categories", mapper.valueToTree(result.categories()));
        out.println(json);
        out.flush();
        return 0;
    }
}
