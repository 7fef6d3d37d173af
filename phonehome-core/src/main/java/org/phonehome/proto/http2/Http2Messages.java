package org.phonehome.proto.http2;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import org.phonehome.proto.Message;
import org.phonehome.proto.http.HttpBody;
import org.phonehome.proto.http.HttpFlag;
import org.phonehome.proto.http.HttpHeader;
import org.phonehome.proto.http.HttpLimits;
import org.phonehome.proto.http.HttpMessages;
import org.phonehome.proto.http.HttpRequest;
import org.phonehome.proto.http.HttpResponse;

/**
 * Turns HTTP/2 requests and responses into {@link Message}s with protocol {@code http2} and the same parts as
 * HTTP/1 ({@link HttpMessages}): {@code url} = {@code :path}, {@code query} per parameter, {@code header} per
 * header ({@code :authority} included, under that name; other pseudo-headers left out), {@code cookie} per cookie
 * of every {@code cookie} field (HTTP/2 may split them), then the body parts. Bodies are passed as sent: content
 * codings (gzip, ...) are not undone here (see the report of the tlsdec branch).
 */
public final class Http2Messages {
    public static final String PROTOCOL = "http2";

    private Http2Messages() {
    }

    /** The message of a request, with the default bounds and no anomalies kept. */
    public static Message of(long flowId, Http2Request r) {
        return of(flowId, r, HttpLimits.DEFAULTS, name -> { });
    }

    /** The message of a request; hitting a bound of {@code limits} (JSON, form, multipart) is told to anomalies. */
    public static Message of(long flowId, Http2Request r, HttpLimits limits, Consumer<String> anomalies) {
        String path = r.path() == null ? "" : r.path();
        HttpRequest h = new HttpRequest(r.direction(), r.method() == null ? "" : r.method(), path, "HTTP/2",
                headers(r.headers(), true), body(r.body()), r.frames(), r.timestampNanos(), flags(r.complete()));
        return relabel(HttpMessages.of(flowId, h, limits, anomalies));
    }

    /** The message of a response, with the default bounds and no anomalies kept. */
    public static Message of(long flowId, Http2Response r) {
        return of(flowId, r, HttpLimits.DEFAULTS, name -> { });
    }

    /** The message of a response; hitting a bound of {@code limits} is told to {@code anomalies}. */
    public static Message of(long flowId, Http2Response r, HttpLimits limits, Consumer<String> anomalies) {
        HttpResponse h = new HttpResponse(r.direction(), "HTTP/2", r.status(), "", null, headers(r.headers(), false),
                body(r.body()), r.frames(), r.timestampNanos(), flags(r.complete()));
        return relabel(HttpMessages.of(flowId, h, limits, anomalies));
    }

    /** The value of the first field called {@code name}, or null. */
    static String first(List<Http2Header> headers, String name) {
        for (Http2Header h : headers) {
            if (h.name().equals(name)) {
                return h.value();
            }
        }
        return null;
    }

    private static Message relabel(Message m) {
        return new Message(m.flowId(), m.direction(), PROTOCOL, m.parts(), m.frames(), m.timestampNanos(), m.deferred());
    }

    private static List<HttpHeader> headers(List<Http2Header> in, boolean request) {
        List<HttpHeader> out = new ArrayList<>();
        for (Http2Header h : in) {
            if (!h.pseudo() || (request && h.name().equals(":authority"))) {
                out.add(new HttpHeader(h.name(), h.value()));
            }
        }
        return out;
    }

    private static HttpBody body(byte[] b) {
        return b.length == 0 ? HttpBody.EMPTY : new HttpBody(b, b, List.of());
    }

    private static java.util.Set<HttpFlag> flags(boolean complete) {
        return complete ? EnumSet.noneOf(HttpFlag.class) : EnumSet.of(HttpFlag.INCOMPLETE);
    }
}
