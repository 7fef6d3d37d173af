package org.phonehome.proto.http2;

import java.util.List;
import org.phonehome.flow.Direction;

/**
 * One HTTP/2 response (the final one; 1xx interim responses are dropped).
 *
 * @param direction      the direction it travelled (INBOUND when the device is the client)
 * @param streamId       the stream
 * @param headers        {@code :status} then headers as sent, trailers appended
 * @param body           the DATA payloads joined, padding removed, at most {@link Http2Limits#MAX_BODY_BYTES}
 * @param bodyTruncated  true when DATA beyond that bound was dropped
 * @param frames         frames that carried it, ascending, the first {@link org.phonehome.proto.Message#MAX_FRAMES_LISTED}
 * @param timestampNanos capture time of its first frame
 * @param complete       true when the stream's END_STREAM was seen
 * @param bodyNotKept    the DATA bytes of a received media body ({@link org.phonehome.proto.http.MediaTypes}), counted
 *                       but not kept ({@code body} is then empty); 0 otherwise
 */
public record Http2Response(Direction direction, int streamId, List<Http2Header> headers, byte[] body,
                            boolean bodyTruncated, List<Long> frames, long timestampNanos, boolean complete,
                            long bodyNotKept) {

    public Http2Response {
        headers = List.copyOf(headers);
        frames = List.copyOf(frames);
    }

    /** {@code :status} as a number, or -1 when absent or not a number. */
    public int status() {
        String s = Http2Messages.first(headers, ":status");
        try {
            return s == null ? -1 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
