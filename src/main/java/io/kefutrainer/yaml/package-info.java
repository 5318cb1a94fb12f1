/**
 * Positioned YAML: every value keeps its file, line and column, so a trainer's mistake is reported where it is
 * ({@link io.kefutrainer.yaml.Diagnostic}, {@link io.kefutrainer.yaml.DidYouMean}). It is the ground floor that every
 * reader of trainer content (scenarios, quizzes, typing texts, scoring content, engine settings) stands on; it knows
 * none of them. Loading, hot reload and the snapshot of all content live one floor up, in {@code content}.
 */
package io.kefutrainer.yaml;
