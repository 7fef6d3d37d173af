package org.phonehome.proto.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.phonehome.ByteSearch;
import org.phonehome.flow.Direction;
import org.phonehome.proto.Message;
import org.phonehome.proto.MessagePart;
import org.phonehome.proto.MessagePart.Kinds;

/**
 * Turns HTTP requests and responses into the protocol-neutral {@link Message} detection reads.
 *
 * <p>Parts, in order: {@code url} (the target as sent; requests only), {@code query} per parameter (decoded; layer
 * {@code urlencoded} when decoding changed it), {@code header} per header except cookies, {@code cookie} per
 * cookie of {@code Cookie} (requests) and {@code Set-Cookie} (responses), then the body: {@code form} per
 * urlencoded or multipart field, {@code json} per flattened JSON scalar (deferred, made by {@link Message#full()}:
 * detection needs them only to name where a value it found in the body was), and always the whole decoded body as
 * one {@code body} part, so a value that the structure splits can still be found in the text. Body parts carry the
 * body's layers ({@code chunked}, {@code gzip}, ...) then the interpretation's ({@code urlencoded},
 * {@code multipart}, {@code json}).
 */
public final class HttpMessages {

    public static final String PROTOCOL = "http";

    private HttpMessages() {
    }

    /** The message of a request, with default limits and anomalies of body interpretation dropped. */
    public static Message of(long flowId, HttpRequest r) {
        return of(flowId, r, HttpLimits.DEFAULTS, name -> { });
    }

    /** The message of a response, with default limits and anomalies of body interpretation dropped. */
    public static Message of(long flowId, HttpResponse r) {
        return of(flowId, r, HttpLimits.DEFAULTS, name -> { });
    }

    /** The message of a request; anomalies found interpreting the body (JSON, form, multipart) go to {@code anomalies}. */
    public static Message of(long flowId, HttpRequest r, HttpLimits limits, Consumer<String> anomalies) {
        List<MessagePart> parts = new ArrayList<>();
        byte[] target = r.target().getBytes(StandardCharsets.ISO_8859_1);
        parts.add(new MessagePart(Kinds.URL, null, target, List.of()));
        int q = ByteSearch.indexOf(target, 0, target.length, (byte) '?');
        if (q >= 0) {
            for (FormField f : FormUrlEncoded.parse(target, q + 1, target.length, true, limits.maxFormFields(),
                    anomalies)) {
                parts.add(new MessagePart(Kinds.QUERY, f.name(), f.value(),
                        f.decoded() ? List.of("urlencoded") : List.of()));
            }
        }
        headers(r.headers(), "Cookie", parts);
        Message.Deferred json = body(r.headers(), r.body(), limits, anomalies, parts);
        return message(flowId, r.direction(), parts, r.frames(), r.timestampNanos(), json);
    }

    /** The message of a response; anomalies found interpreting the body go to {@code anomalies}. */
    public static Message of(long flowId, HttpResponse r, HttpLimits limits, Consumer<String> anomalies) {
        List<MessagePart> parts = new ArrayList<>();
        headers(r.headers(), "Set-Cookie", parts);
        Message.Deferred json = body(r.headers(), r.body(), limits, anomalies, parts);
        return message(flowId, r.direction(), parts, r.frames(), r.timestampNanos(), json);
    }

    private static Message message(long flowId, Direction direction, List<MessagePart> parts, List<Long> frames,
                                   long timestampNanos, Message.Deferred json) {
        return new Message(flowId, direction, PROTOCOL, parts, frames, timestampNanos, json);
    }

    private static void headers(List<HttpHeader> headers, String cookieHeader, List<MessagePart> parts) {
        for (HttpHeader h : headers) {
            if (!h.is(cookieHeader)) {
                parts.add(new MessagePart(Kinds.HEADER, h.name(), h.valueBytes(), List.of()));
            } else if (cookieHeader.equals("Cookie")) {
                for (String pair : h.value().split(";")) {
                    cookie(pair, parts);
                }
            } else {
                int semi = h.value().indexOf(';');
                cookie(semi < 0 ? h.value() : h.value().substring(0, semi), parts); // attributes are not data
            }
        }
    }

    private static void cookie(String pair, List<MessagePart> parts) {
        String p = pair.strip();
        if (p.isEmpty()) {
            return;
        }
        int eq = p.indexOf('=');
        String name = eq < 0 ? "" : p.substring(0, eq).strip();
        String value = eq < 0 ? p : p.substring(eq + 1).strip();
        parts.add(new MessagePart(Kinds.COOKIE, name, value.getBytes(StandardCharsets.ISO_8859_1), List.of()));
    }

    /** Adds the body's parts; returns its JSON values, made when asked for, or null. */
    private static Message.Deferred body(List<HttpHeader> headers, HttpBody body, HttpLimits limits,
                                         Consumer<String> anomalies, List<MessagePart> parts) {
        byte[] b = body.decoded();
        if (b.length == 0) {
            return null;
        }
        Message.Deferred deferred = null;
        List<String> layers = body.layers();
        MediaType type = MediaType.parse(HeaderValues.first(headers, "Content-Type"));
        if (type.isForm()) {
            for (FormField f : FormUrlEncoded.parse(b, 0, b.length, true, limits.maxFormFields(), anomalies)) {
                parts.add(new MessagePart(Kinds.FORM, f.name(), f.value(),
                        f.decoded() ? plus(layers, "urlencoded") : layers));
            }
        } else if (type.isMultipart()) {
            for (MultipartPart p : Multipart.parse(b, type.parameters().get("boundary"), limits, anomalies)) {
                parts.add(new MessagePart(Kinds.FORM, p.name(), p.content(), plus(layers, "multipart")));
            }
        } else if (type.isJson() || JsonFlattener.looksLikeJson(b)) {
            boolean declared = type.isJson();
            deferred = new Message.Deferred(parts.size(), new JsonParts(b, declared, layers, limits, anomalies));
        }
        parts.add(new MessagePart(Kinds.BODY, null, b, layers));
        return deferred;
    }

    /**
     * The JSON parts of a body, made when asked: a record rather than a lambda, which the client compiler
     * allocates through a method handle, once per message.
     */
    private record JsonParts(byte[] body, boolean declared, List<String> layers, HttpLimits limits,
                             Consumer<String> anomalies) implements java.util.function.Supplier<List<MessagePart>> {
        @Override
        public List<MessagePart> get() {
            return json(body, declared, layers, limits, anomalies);
        }
    }

    /** One part per JSON scalar of the body; none when it only looked like JSON. */
    private static List<MessagePart> json(byte[] b, boolean declared, List<String> layers, HttpLimits limits,
                                          Consumer<String> anomalies) {
        List<String> anomaliesSeen = new ArrayList<>();
        JsonFlattener.Result r = JsonFlattener.flatten(b, limits, anomaliesSeen::add);
        if (!declared && !r.valid()) {
            return List.of(); // only looked like JSON
        }
        anomaliesSeen.forEach(anomalies);
        List<String> jsonLayers = plus(layers, "json");
        List<MessagePart> parts = new ArrayList<>(r.values().size());
        for (JsonValue v : r.values()) {
            parts.add(new MessagePart(Kinds.JSON, v.path(), v.value().getBytes(StandardCharsets.UTF_8), jsonLayers));
        }
        return parts;
    }

    private static List<String> plus(List<String> layers, String layer) {
        List<String> out = new ArrayList<>(layers);
        out.add(layer);
        return out;
    }
}
