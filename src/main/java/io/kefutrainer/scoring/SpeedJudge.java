package io.kefutrainer.scoring;

/**
 * Typing speed and plausibility from the browser's claims (see scoring.md, typing section), with the server's
 * response time. Pasted and quick-phrase text does not count as typed.
 */
final class SpeedJudge {

    /** Text that appears in the reply without having been typed, pasted or inserted beyond this slack is suspect. */
    private static final int UNACCOUNTED_SLACK = 5;

    private final Rubric.SpeedParams params;

    SpeedJudge(Rubric.SpeedParams params) {
        this.params = params;
    }

    Speed judge(String reply, TypingMetrics t, Long responseMs) {
        if (t == null) return responseMs == null ? null : new Speed(null, null, true, responseMs);
        Double cpm = null;
        if (t.activeMs() > 0 && t.committedHan() > 0) cpm = t.committedHan() * 60_000.0 / t.activeMs();
        Double accuracy = null;
        int typedInReply = Math.max(0, reply.codePointCount(0, reply.length()) - t.pasted() - t.quickPhrase());
        if (t.committed() > 0) {
            int kept = Math.max(0, Math.min(t.committed() - t.deleted(), typedInReply));
            accuracy = Math.min(1.0, (double) kept / t.committed());
        }
        boolean plausible = true;
        // hundreds of 字/分钟 with no paste: the text was not typed as claimed
        if (cpm != null && cpm > params.plausibleMaxCpm()) plausible = false;
        // typed characters but no active time at all
        if (t.committed() > UNACCOUNTED_SLACK && t.activeMs() <= 0) plausible = false;
        // reply text that was neither typed, pasted nor inserted from a quick phrase
        if (typedInReply > t.committed() + UNACCOUNTED_SLACK) plausible = false;
        if (t.committed() < 0 || t.pasted() < 0 || t.quickPhrase() < 0 || t.deleted() < 0 || t.committedHan() > t.committed()) {
            plausible = false;
        }
        if (responseMs != null && t.firstKeyMs() != null && t.firstKeyMs() > responseMs) plausible = false;
        return new Speed(cpm, accuracy, plausible, responseMs);
    }
}
