package io.kefutrainer.yaml;

/** Lower-case because the names are printed as they are: `path:line:col: error: ...`. */
public enum Severity { error, warning }
