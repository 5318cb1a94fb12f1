package io.kefutrainer.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the browser contexts of a test (method) or of every test of a class are opened; without it 1440 × 900.
 * The locale is always zh-CN: the product is read in Chinese.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PageOptions {
    int width() default 1440;

    int height() default 900;

    /** An IANA zone such as Asia/Shanghai; empty keeps the machine's. */
    String timezone() default "";

    /** Lets injected markup run despite the Content-Security-Policy, so escaping is tested on its own. */
    boolean bypassCsp() default false;
}
