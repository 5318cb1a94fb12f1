package io.kefutrainer.appeals;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One appeal with what a reviewer needs beside it: the reply, the buyer's messages before it, the disputed item as
 * the scorer produced it (`findingJson`) and the content version of the session.
 */
public record AppealRow(long id, String status, UUID sessionId, int replySeq, String target, String reason,
                        long userId, String traineeName, OffsetDateTime createdAt, String findingJson, long contentVersion,
                        String decidedByName, OffsetDateTime decidedAt, String comment,
                        String replyText, List<String> buyer, String scenarioTitle, String mode, boolean sessionEnded) {

    public static final String OPEN = "open";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";

    public boolean open() {
        return OPEN.equals(status);
    }

    /** 待复核 / 已采纳 / 未采纳, as trainees and trainers read it. */
    public String statusLabel() {
        return switch (status) {
            case ACCEPTED -> "已采纳";
            case REJECTED -> "未采纳";
            default -> "待复核";
        };
    }
}
