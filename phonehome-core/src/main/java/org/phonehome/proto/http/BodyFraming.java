package org.phonehome.proto.http;

import java.util.List;
import java.util.function.Consumer;

/**
 * How a message's body is delimited (RFC 9112 section 6.3), and what the stream becomes after the message.
 *
 * @param kind   how the body ends
 * @param length the body length for {@link Kind#LENGTH}
 * @param after  what the direction does once the message is complete
 */
record BodyFraming(Kind kind, long length, After after) {

    enum Kind { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    enum After {
        /** More HTTP messages follow. */
        CONTINUE,
        /** A CONNECT request: hold the client's bytes until the answer says tunnel or not. */
        AWAIT_CONNECT,
        /** A 2xx to CONNECT or a 101: both directions are a tunnel from here on. */
        TUNNEL
    }

    static final BodyFraming NONE = new BodyFraming(Kind.NONE, 0, After.CONTINUE);

    /** Content-Length values that would not fit a long are refused: 18 decimal digits are below 2^63. */
    private static final int MAX_LENGTH_DIGITS = 18;

    /** Framing of a request with these headers. */
    static BodyFraming forRequest(String method, List<HttpHeader> headers, Consumer<String> anomalies) {
        After after = "CONNECT".equals(method) ? After.AWAIT_CONNECT : After.CONTINUE;
        List<String> te = HeaderValues.tokens(headers, "Transfer-Encoding");
        if (!te.isEmpty()) {
            if (HeaderValues.has(headers, "Content-Length")) {
                anomalies.accept(HttpAnomalies.TE_AND_CL);
            }
            if (!"chunked".equals(te.get(te.size() - 1))) {
                anomalies.accept(HttpAnomalies.TRANSFER_ENCODING_INVALID);
                return new BodyFraming(Kind.NONE, 0, after);
            }
            return new BodyFraming(Kind.CHUNKED, 0, after);
        }
        long length = contentLength(headers, anomalies);
        return length > 0 ? new BodyFraming(Kind.LENGTH, length, after) : new BodyFraming(Kind.NONE, 0, after);
    }

    /** Framing of a response with this status to a request with {@code requestMethod} (null when unknown). */
    static BodyFraming forResponse(int status, String requestMethod, List<HttpHeader> headers,
                                   Consumer<String> anomalies) {
        if (status == 101) {
            return new BodyFraming(Kind.NONE, 0, After.TUNNEL);
        }
        if ("CONNECT".equals(requestMethod) && status >= 200 && status < 300) {
            return new BodyFraming(Kind.NONE, 0, After.TUNNEL);
        }
        if (status < 200 || status == 204 || status == 304 || "HEAD".equals(requestMethod)) {
            return NONE;
        }
        List<String> te = HeaderValues.tokens(headers, "Transfer-Encoding");
        if (!te.isEmpty()) {
            if (HeaderValues.has(headers, "Content-Length")) {
                anomalies.accept(HttpAnomalies.TE_AND_CL);
            }
            return "chunked".equals(te.get(te.size() - 1)) ? new BodyFraming(Kind.CHUNKED, 0, After.CONTINUE)
                    : new BodyFraming(Kind.UNTIL_CLOSE, 0, After.CONTINUE);
        }
        if (!HeaderValues.has(headers, "Content-Length")) {
            return new BodyFraming(Kind.UNTIL_CLOSE, 0, After.CONTINUE);
        }
        long length = contentLength(headers, anomalies);
        if (length < 0) {
            return new BodyFraming(Kind.UNTIL_CLOSE, 0, After.CONTINUE);
        }
        return length == 0 ? NONE : new BodyFraming(Kind.LENGTH, length, After.CONTINUE);
    }

    /** The Content-Length (several equal values allowed), 0 when absent, -1 when invalid (anomaly counted). */
    static long contentLength(List<HttpHeader> headers, Consumer<String> anomalies) {
        long found = 0;
        boolean seen = false;
        for (HttpHeader h : headers) {
            if (!h.is("Content-Length")) {
                continue;
            }
            for (String v : h.value().split(",", -1)) {
                long n = parseDecimal(v.strip());
                if (n < 0 || (seen && n != found)) {
                    anomalies.accept(HttpAnomalies.CONTENT_LENGTH_INVALID);
                    return -1;
                }
                found = n;
                seen = true;
            }
        }
        return found;
    }

    private static long parseDecimal(String s) {
        if (s.isEmpty() || s.length() > MAX_LENGTH_DIGITS) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
