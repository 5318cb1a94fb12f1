package io.kefutrainer.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test provokes console errors, page errors or failed requests on purpose, so {@link ChromiumExtension} lets those
 * that match one of the patterns pass (all of them when none is given). Errors are recorded as "console: …",
 * "page error: …" and "HTTP 404 GET url".
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ExpectBrowserErrors {
    /** Regular expressions an expected error matches as a whole. */
    String[] value() default {};

    /** Why these errors belong to the test. */
    String because();
}
