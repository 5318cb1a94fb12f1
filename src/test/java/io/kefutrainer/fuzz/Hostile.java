package io.kefutrainer.fuzz;

import java.util.List;

/** Hand-written hostile inputs: the classic attacks on YAML and text parsers. */
public final class Hostile {
    private Hostile() {
    }

    /** The first three are bombs and must be refused; the rest must simply give positioned errors. */
    public static List<String> yamlDocuments() {
        StringBuilder laughs = new StringBuilder("id: bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            laughs.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                laughs.append(i > 0 ? "," : "").append('*').append(prev);
            }
            laughs.append("]\n");
            prev = c;
        }
        StringBuilder keys = new StringBuilder("id: keys\nsteps:\n");
        for (int i = 0; i < 5_000; i++) {
            keys.append("  k").append(i).append(": &k").append(i).append(" {x: 1}\n");
        }
        return List.of(
                laughs.toString(),                                          // billion laughs
                "id: rec\na: &a [*a]\n",                                    // a recursive alias
                "id: deep\nsteps: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n", // 10,000-deep nesting
                "id: deepmap\nsteps:\n" + "{a: ".repeat(10_000) + "1" + "}".repeat(10_000) + "\n",
                "id: blocks\n" + blockNesting(2_000),
                "id: huge\ndifficulty: " + "9".repeat(5_000) + "\nprice: 1e999999999\n",
                "id: tags\ntitle: !!python/object/apply:os.system [\"true\"]\n",
                "id: javatag\ntitle: !!java.net.URL [\"http://127.0.0.1/\"]\n",
                "id: binary\ntitle: !!binary " + "QUFB".repeat(10_000) + "\n",
                "id: merge\nbase: &b {title: x}\nother:\n  <<: *b\n  <<: *b\n",
                "id: undefined\ntitle: *nowhere\n",
                "%YAML 9.9\n---\nid: version\n",
                "%TAG ! tag:evil.example,2000:\n---\nid: !x y\n",
                "---\nid: a\n---\nid: b\n",
                "\ufeff\ufeffid: boms\n",
                "id: \"\\uD800\"\n",
                "id: x\n" + "title: a\n".repeat(3) + "? [complex, key]\n: value\n",
                "",
                "\n\n\n",
                "- just\n- a list\n",
                "just a string",
                "~");
    }

    private static String blockNesting(int depth) {
        StringBuilder s = new StringBuilder("steps:\n");
        for (int i = 0; i < depth; i++) {
            s.append(" ".repeat(i + 1)).append("a:\n");
        }
        return s.toString();
    }

    public static List<String> giftDocuments() {
        return List.of(
                "::t:: 题目 " + "{".repeat(10_000) + "\n",
                "::t:: 题目 {" + "~a ".repeat(20_000) + "=b}\n",
                "题目 {#" + "9".repeat(5_000) + "}\n",
                "题目 {#1e999999:1e-999999}\n",
                "题目 {=a->b =c->d =e->f ~x}\n",
                "\\".repeat(10_001) + "{T}\n",
                "$CATEGORY: " + "a/".repeat(10_000) + "\n题 {T}\n",
                "// [rule:" + "x".repeat(100_000) + "]\n题 {T}\n",
                "::" + "名".repeat(50_000) + ":: 题 {T}\n",
                "题 {~%" + "1".repeat(400) + "%a =b}\n",
                "题 {T#" + "#".repeat(10_000) + "}\n",
                "{}\n{}\n{}\n",
                "\u0000\u0001\u0002{T}\n",
                "题\n".repeat(20_000) + "ANSWER: A\n");
    }
}
