package io.kefutrainer.web;

import io.kefutrainer.account.Role;
import io.kefutrainer.account.User;
import io.kefutrainer.content.LiveContent;
import io.kefutrainer.store.QuickPhraseStore;
import io.kefutrainer.typing.TypingContent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trainee's workbench (/train: scenario picker, live chats, quick phrases), the typing drill
 * (/train/typing) and the trainee's own quick phrases (快捷短语) API.
 */
final class WorkbenchRoutes {
    static final Set<Role> TRAINEES = RouteTable.roles(Role.trainee);

    private final Pages pages;
    private final LiveContent content;
    private final QuickPhraseStore phrases;

    WorkbenchRoutes(Pages pages, LiveContent content, QuickPhraseStore phrases) {
        this.pages = pages;
        this.content = content;
        this.phrases = phrases;
    }

    void register(RouteTable table) {
        table.page(HttpMethod.GET, "/train", TRAINEES, this::workbench);
        table.page(HttpMethod.GET, "/train/typing", TRAINEES, this::typingDrill);
        table.api(HttpMethod.GET, "/api/me/phrases", TRAINEES, this::myPhrases);
        table.api(HttpMethod.PUT, "/api/me/phrases", TRAINEES, this::replacePhrases);
    }

    private void workbench(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", "接待工作台");
        model.put("userKey", user.username());
        model.put("maxPhrases", TypingContent.MAX_PHRASES);
        model.put("maxPhraseChars", TypingContent.MAX_PHRASE_CHARS);
        pages.render(ctx, "workbench", model);
    }

    private void typingDrill(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        TypingContent c = content.typing();
        JsonArray groups = new JsonArray();
        c.drill().forEach(g -> groups.add(new JsonObject().put("name", g.name()).put("phrases", new JsonArray(g.phrases()))));
        Map<String, Object> model = new HashMap<>();
        model.put("title", "打字练习");
        model.put("userKey", user.username());
        model.put("groupsJson", groups.encode());
        model.put("groupCount", c.drill().size());
        pages.render(ctx, "typing", model);
    }

    private void myPhrases(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        phrases.phrases(user.id(), content.typing()::quickPhraseDefaults)
                .onSuccess(list -> json(ctx, new JsonArray(new ArrayList<>(list))))
                .onFailure(ctx::fail);
    }

    private void replacePhrases(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        List<String> list = phraseList(ctx.body() == null ? null : ctx.body().buffer());
        phrases.replace(user.id(), list).onSuccess(x -> json(ctx, new JsonArray(new ArrayList<>(list)))).onFailure(ctx::fail);
    }

    /** A JSON array of at most 50 non-blank strings of at most 200 characters; each is trimmed. */
    static List<String> phraseList(Buffer body) {
        Object value;
        try {
            value = body == null || body.length() == 0 ? null : Json.decodeValue(body);
        } catch (DecodeException e) {
            value = null;
        }
        if (!(value instanceof JsonArray array)) {
            throw HttpError.badRequest("body must be a JSON array of strings", "phrases");
        }
        if (array.size() > TypingContent.MAX_PHRASES) {
            throw HttpError.badRequest("at most " + TypingContent.MAX_PHRASES + " phrases", "phrases");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String field = "phrases[" + i + "]";
            if (!(array.getValue(i) instanceof String s) || s.isBlank()) {
                throw HttpError.badRequest("each phrase must be a non-empty string", field);
            }
            String trimmed = s.strip();
            if (trimmed.codePointCount(0, trimmed.length()) > TypingContent.MAX_PHRASE_CHARS) {
                throw HttpError.badRequest("a phrase may have at most " + TypingContent.MAX_PHRASE_CHARS + " characters", field);
            }
            out.add(trimmed);
        }
        return out;
    }

    private static void json(RoutingContext ctx, JsonArray array) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(array.encode());
    }
}
