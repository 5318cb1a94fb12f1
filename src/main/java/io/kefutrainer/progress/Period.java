package io.kefutrainer.progress;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** A reporting period in shop days (China time): from `from` 00:00 to the end of `to`, either open. */
public record Period(LocalDate from, LocalDate to) {

    public static final ZoneId SHOP_ZONE = ZoneId.of("Asia/Shanghai");
    public static final Period ALL = new Period(null, null);

    public OffsetDateTime start() {
        return from == null ? null : from.atStartOfDay(SHOP_ZONE).toOffsetDateTime();
    }

    /** Exclusive end: the start of the day after `to`. */
    public OffsetDateTime end() {
        return to == null ? null : to.plusDays(1).atStartOfDay(SHOP_ZONE).toOffsetDateTime();
    }
}
