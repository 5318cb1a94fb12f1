package io.kefutrainer.support;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A pure test (no PostgreSQL, no Chromium) that still takes many seconds: it retrains the scorer's model or fuzzes
 * the content readers with thousands of files. Tagged "slow", so the quick pure run (`mvn test -Ppure`) leaves it out;
 * the full run (`mvn verify`, CI) keeps it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("slow")
public @interface SlowTest {
}
