package io.kefutrainer.scoring;

/**
 * Typing and response speed of one reply.
 *
 * @param typedCpm   typed Chinese characters per active minute (pastes and quick phrases excluded), or null
 * @param accuracy   characters kept in the sent reply / characters committed, 0..1, or null
 * @param plausible  false when the client's metrics cannot be true (e.g. hundreds of 字/分钟 with no paste)
 * @param responseMs server-measured time from the buyer's message to this reply, or null
 */
public record Speed(Double typedCpm, Double accuracy, boolean plausible, Long responseMs) {
}
