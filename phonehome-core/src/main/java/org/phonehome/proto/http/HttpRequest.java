package org.phonehome.proto.http;

import java.util.List;
import java.util.Set;
import org.phonehome.flow.Direction;

/**
 * One HTTP/1.x request as read from the stream.
 *
 * @param direction      the direction it travelled (OUTBOUND when the device is the client)
 * @param method         the method token, e.g. {@code GET}
 * @param target         the request target exactly as sent (origin form {@code /a?b=c}, absolute, authority, or *)
 * @param version        {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers        the headers in order, then the chunked trailers
 * @param body           the body ({@link HttpBody#EMPTY} when none)
 * @param frames         frames that carried it, ascending, the first {@link org.phonehome.proto.Message#MAX_FRAMES_LISTED}
 * @param timestampNanos capture time of its first frame
 * @param flags          how it was read ({@link HttpFlag#INCOMPLETE}, ...)
 */
public record HttpRequest(Direction direction, String method, String target, String version,
                          List<HttpHeader> headers, HttpBody body, List<Long> frames, long timestampNanos,
                          Set<HttpFlag> flags) {

    public HttpRequest {
        headers = List.copyOf(headers);
        frames = List.copyOf(frames);
        flags = Set.copyOf(flags);
    }

    /** Whether the message was cut before its end. */
    public boolean incomplete() {
        return flags.contains(HttpFlag.INCOMPLETE);
    }
}
