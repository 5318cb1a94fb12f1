package io.kefutrainer.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes imported products as DIR/products/ID.yaml, in the shape of a scenario's `product:` plus its id. */
public final class ProductFiles {
    private ProductFiles() {
    }

    /**
     * The `product:` card of an imported product: DIR/products/ID.yaml without its id, or null when there is none.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> card(Path dir, String id) throws IOException {
        if (!id.matches("p-[0-9a-f]{10}")) {
            return null;
        }
        Path file = dir.resolve("products").resolve(id + ".yaml");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Map<String, Object> tree = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), LinkedHashMap.class);
        tree.remove("id");
        return tree;
    }

    public static void write(Path dir, List<ImportedProduct> products) throws IOException {
        Path folder = dir.resolve("products");
        Files.createDirectories(folder);
        for (ImportedProduct p : products) {
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("id", p.id());
            tree.put("title", p.title());
            tree.put("price", p.price() == Math.rint(p.price()) ? (Object) (long) p.price() : (Object) p.price());
            if (!p.sizeChart().isEmpty()) {
                tree.put("size_chart", p.sizeChart());
            }
            if (!p.facts().isEmpty()) {
                tree.put("facts", p.facts());
            }
            Files.writeString(folder.resolve(p.id() + ".yaml"),
                    "# import-products: paste under product: in a scenario (without id:)\n" + YamlOut.write(tree));
        }
    }
}
