package io.kefutrainer.support;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that drives Chromium (and so also a server on PostgreSQL): tagged "browser", its test methods get a
 * fresh {@link com.microsoft.playwright.Page}, {@link com.microsoft.playwright.BrowserContext} or {@link Pages}
 * from the one Chromium of the JVM (see {@link ChromiumExtension}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("browser")
@ExtendWith(ChromiumExtension.class)
public @interface BrowserTest {
}
