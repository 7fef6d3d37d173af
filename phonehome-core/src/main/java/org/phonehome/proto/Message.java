package org.phonehome.proto;

import java.util.List;
import org.phonehome.flow.Direction;

/**
 * A protocol-neutral view of one thing a device sent or received (an HTTP request or response, a stream of a
 * protocol phonehome does not know, ...): what detection reads.
 *
 * @param flowId         the flow it travelled in
 * @param direction      which way it went
 * @param protocol       {@code http}, {@code http2}, {@code dns}, {@code tls}, {@code quic} or {@code raw}
 * @param parts          its parts, in the order they appeared
 * @param frames         frame numbers that carried it, ascending (capped at {@link #MAX_FRAMES_LISTED})
 * @param timestampNanos capture time of its first frame
 */
public record Message(long flowId, Direction direction, String protocol, List<MessagePart> parts,
                      List<Long> frames, long timestampNanos) {

    /** Evidence needs the frames, but a 100 MB upload has 70,000: list the first ones only. */
    public static final int MAX_FRAMES_LISTED = 64;

    public Message {
        parts = List.copyOf(parts);
        frames = List.copyOf(frames);
    }
}
