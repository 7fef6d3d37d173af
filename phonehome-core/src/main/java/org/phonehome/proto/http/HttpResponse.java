package org.phonehome.proto.http;

import java.util.List;
import java.util.Set;
import org.phonehome.flow.Direction;

/**
 * One HTTP/1.x response (interim 1xx responses included) as read from the stream.
 *
 * @param direction      the direction it travelled (INBOUND when the device is the client)
 * @param version        {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param status         the status code, 100 to 999
 * @param reason         the reason phrase (may be empty)
 * @param requestMethod  the method of the request it answers (FIFO), null when none was waiting
 * @param headers        the headers in order, then the chunked trailers
 * @param body           the body ({@link HttpBody#EMPTY} when none)
 * @param frames         frames that carried it, ascending, the first {@link org.phonehome.proto.Message#MAX_FRAMES_LISTED}
 * @param timestampNanos capture time of its first frame
 * @param flags          how it was read ({@link HttpFlag#INCOMPLETE}, ...)
 */
public record HttpResponse(Direction direction, String version, int status, String reason, String requestMethod,
                           List<HttpHeader> headers, HttpBody body, List<Long> frames, long timestampNanos,
                           Set<HttpFlag> flags) {

    public HttpResponse {
        headers = List.copyOf(headers);
        frames = List.copyOf(frames);
        flags = Set.copyOf(flags);
    }

    /** Whether the message was cut before its end. */
    public boolean incomplete() {
        return flags.contains(HttpFlag.INCOMPLETE);
    }
}
