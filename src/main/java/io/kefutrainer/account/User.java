package io.kefutrainer.account;

import java.time.OffsetDateTime;

/** A person who signs in. The password hash never leaves the store package. */
public record User(long id, String username, String displayName, Role role, boolean disabled, OffsetDateTime createdAt) {
}
