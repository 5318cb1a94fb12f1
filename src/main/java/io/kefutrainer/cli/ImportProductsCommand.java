package io.kefutrainer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefutrainer.importing.ImportException;
import io.kefutrainer.importing.ImportProblem;
import io.kefutrainer.importing.ImportedProduct;
import io.kefutrainer.importing.ProductFiles;
import io.kefutrainer.importing.ProductReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `import-products FILE --to DIR`: a shop's product export → DIR/products/ID.yaml. Bad rows: `FILE:LINE: message`
 * on stderr, exit 1, nothing written. Last stdout line: {"imported":N,"products":[ids]}.
 */
@Command(name = "import-products", mixinStandardHelpOptions = true,
        description = {"导入商品表(淘宝卖家导出的 CSV:宝贝名称/标题、价格、属性/SKU、库存、详情;或 title,price,attributes,size_chart),",
                "每个商品写一个 DIR/products/ID.yaml(场景 product: 的格式)。有错的行:'文件:行: 说明',什么都不写。"})
public final class ImportProductsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "商品表 CSV(UTF-8,可带 BOM)")
    Path file;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "输出目录(写到 DIR/products/)")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ImportedProduct> products;
        try {
            products = ProductReader.read(file);
        } catch (ImportException e) {
            e.problems().stream().map(ImportProblem::format).forEach(err::println);
            err.flush();
            return 1;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println(file + ":1: 文件不存在");
            err.flush();
            return 1;
        }
        ProductFiles.write(dir, products);
        products.forEach(p -> out.println("已写好 " + dir.resolve("products").resolve(p.id() + ".yaml") + ":" + p.title()));
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("imported", products.size());
        products.forEach(p -> json.withArray("products").add(p.id()));
        if (products.isEmpty()) {
            json.putArray("products");
        }
        out.println(json);
        out.flush();
        return 0;
    }
}
