package io.kefutrainer.support;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.AnnotatedElement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One Chromium per JVM, launched on first use and shared by every browser test class (a launch costs seconds); each
 * test method gets fresh contexts through a {@link Page}, {@link BrowserContext} or {@link Pages} parameter. After the
 * test its pages are closed, and the test fails on a console error, page error or HTTP error it did not expect
 * (see {@link ExpectBrowserErrors}). A failed test leaves screenshots of its open pages in target/screenshots/failed
 * (-Dkt.failureShots=DIR to move them, =off for none).
 */
public final class ChromiumExtension implements ParameterResolver, AfterTestExecutionCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ChromiumExtension.class);

    /** Closed by JUnit when the whole run ends. */
    private record Shared(Chromium chromium) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            chromium.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Page.class || type == BrowserContext.class || type == Pages.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Pages pages = pages(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == Pages.class) {
            return pages;
        }
        return type == Page.class ? pages.page() : pages.page().context();
    }

    private static Pages pages(ExtensionContext context) {
        return context.getStore(NS).getOrComputeIfAbsent(Pages.class, k -> new Pages(chromium(context).browser(),
                options(context)), Pages.class);
    }

    private static Chromium chromium(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent(Shared.class, k -> new Shared(Chromium.launch()),
                Shared.class).chromium();
    }

    private static PageOptions options(ExtensionContext context) {
        return annotation(context, PageOptions.class).orElseGet(() -> Defaults.class.getAnnotation(PageOptions.class));
    }

    @PageOptions
    private static final class Defaults {
    }

    /** The method's annotation, else its class's (or an enclosing class's). */
    private static <A extends java.lang.annotation.Annotation> Optional<A> annotation(ExtensionContext context, Class<A> type) {
        Optional<A> onMethod = context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, type));
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Optional<Class<?>> c = context.getTestClass(); c.isPresent(); c = Optional.ofNullable(c.get().getEnclosingClass())) {
            Optional<A> found = AnnotationSupport.findAnnotation((AnnotatedElement) c.get(), type);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Pages pages = context.getStore(NS).get(Pages.class, Pages.class);
        if (pages == null) {
            return;
        }
        if (context.getExecutionException().isPresent()) {
            String dir = System.getProperty("kt.failureShots", "target/screenshots/failed");
            if (!dir.isEmpty() && !dir.equals("off")) {
                pages.screenshots(Path.of(dir), context.getRequiredTestClass().getSimpleName() + "."
                        + context.getRequiredTestMethod().getName());
            }
            pages.close();
            return;
        }
        pages.close();
        List<String> unexpected = unexpected(pages.errors(), annotation(context, ExpectBrowserErrors.class));
        if (!unexpected.isEmpty()) {
            throw new AssertionError("console errors, page errors or failed requests in the browser (no CSP violation,"
                    + " script error or HTTP error is expected):\n" + String.join("\n", unexpected));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Pages pages = context.getStore(NS).remove(Pages.class, Pages.class);
        if (pages != null) {
            pages.close();
        }
    }

    private static List<String> unexpected(List<String> errors, Optional<ExpectBrowserErrors> expected) {
        List<String> left = new ArrayList<>();
        synchronized (errors) {
            left.addAll(errors);
        }
        if (expected.isPresent()) {
            String[] patterns = expected.get().value();
            if (patterns.length == 0) {
                return List.of();
            }
            List<Pattern> compiled = Arrays.stream(patterns).map(p -> Pattern.compile(p, Pattern.DOTALL)).toList();
            left.removeIf(e -> compiled.stream().anyMatch(p -> p.matcher(e).matches()));
        }
        return left;
    }
}
