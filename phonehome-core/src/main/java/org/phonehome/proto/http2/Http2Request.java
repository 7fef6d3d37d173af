package org.phonehome.proto.http2;

import java.util.List;
import org.phonehome.flow.Direction;

/**
 * One HTTP/2 request: a stream's request header block(s) and DATA.
 *
 * @param direction      the direction it travelled (OUTBOUND for the device's requests; INBOUND for a server push)
 * @param streamId       the stream (for a push, the promised stream)
 * @param headers        pseudo-headers then headers as sent, trailers appended; cookies as the separate fields sent
 * @param body           the DATA payloads joined, padding removed, at most {@link Http2Limits#MAX_BODY_BYTES}
 * @param bodyTruncated  true when DATA beyond that bound was dropped
 * @param frames         frames that carried it, ascending, the first {@link org.phonehome.proto.Message#MAX_FRAMES_LISTED}
 * @param timestampNanos capture time of its first frame
 * @param complete       true when the stream's END_STREAM was seen (false: reset, or the capture ended first)
 * @param pushed         true when it came from a PUSH_PROMISE
 */
public record Http2Request(Direction direction, int streamId, List<Http2Header> headers, byte[] body,
                           boolean bodyTruncated, List<Long> frames, long timestampNanos, boolean complete,
                           boolean pushed) {

    public Http2Request {
        headers = List.copyOf(headers);
        frames = List.copyOf(frames);
    }

    /** {@code :method}, or null. */
    public String method() {
        return Http2Messages.first(headers, ":method");
    }

    /** {@code :scheme}, or null. */
    public String scheme() {
        return Http2Messages.first(headers, ":scheme");
    }

    /** {@code :authority} (the destination's name), or null. */
    public String authority() {
        return Http2Messages.first(headers, ":authority");
    }

    /** {@code :path}, or null. */
    public String path() {
        return Http2Messages.first(headers, ":path");
    }
}
