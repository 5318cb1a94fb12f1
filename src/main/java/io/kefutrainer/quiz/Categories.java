package io.kefutrainer.quiz;

import java.util.Arrays;
import java.util.List;

/** Category paths are written "a/b/c"; blank segments and surrounding spaces are dropped. */
public final class Categories {
    private Categories() {
    }

    public static List<String> split(String path) {
        if (path == null) {
            return List.of();
        }
        return Arrays.stream(path.split("/")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
