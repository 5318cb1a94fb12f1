package io.kefutrainer.bench;

import java.nio.file.Path;

/**
 * What `bench chat` was asked for (see the command's options).
 *
 * @param fault  "cut-db-connections" or null
 * @param url    a running server to target, or null to start one on a throw-away database
 */
public record ChatBenchOptions(int trainees, int duration, String fault, String url, Path scenarios, int thinkMs,
                               int signInSample, int saturationS, int concurrency, int warmupS, boolean saturationOnly) {
}
