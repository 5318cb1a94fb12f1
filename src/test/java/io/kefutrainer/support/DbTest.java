package io.kefutrainer.support;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that needs PostgreSQL (a {@link TestDatabase}, a {@link TestApp}, or the packaged jar on a database):
 * tagged "db", so `mvn test -DexcludedGroups=db,browser` (or `-Ppure`) leaves it out.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("db")
public @interface DbTest {
}
