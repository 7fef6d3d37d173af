package org.phonehome.proto;

import java.util.ArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

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
 * @param deferred       parts worked out only when asked for ({@link #full()}), or null
 */
public record Message(long flowId, Direction direction, String protocol, List<MessagePart> parts,
                      List<Long> frames, long timestampNanos, Deferred deferred) {

    /** Evidence needs the frames, but a 100 MB upload has 70,000: list the first ones only. */
    public static final int MAX_FRAMES_LISTED = 64;

    public Message {
        parts = List.copyOf(parts);
        frames = List.copyOf(frames);
    }

    /** A message with all its parts at hand. */
    public Message(long flowId, Direction direction, String protocol, List<MessagePart> parts, List<Long> frames,
                   long timestampNanos) {
        this(flowId, direction, protocol, parts, frames, timestampNanos, null);
    }

    /**
     * Parts that repeat bytes of another part in structured form (the values of a JSON body): costly to work out
     * and needed only to name where a value was, so made when detection has found something in that part.
     *
     * @param insertAt where they go among {@link Message#parts()} (before the part they come from)
     * @param parts    makes them; called at most once per {@link Message#full()}
     */
    public record Deferred(int insertAt, Supplier<List<MessagePart>> parts) {
        /** The same parts, each changed by {@code f} once made. */
        public Deferred map(UnaryOperator<MessagePart> f) {
            Supplier<List<MessagePart>> made = parts;
            return new Deferred(insertAt, () -> made.get().stream().map(f).toList());
        }
    }

    /** This message with its deferred parts made and in place; itself when it has none. */
    public Message full() {
        if (deferred == null) {
            return this;
        }
        List<MessagePart> more = deferred.parts().get();
        if (more.isEmpty()) {
            return new Message(flowId, direction, protocol, parts, frames, timestampNanos, null);
        }
        List<MessagePart> all = new ArrayList<>(parts.size() + more.size());
        all.addAll(parts.subList(0, deferred.insertAt()));
        all.addAll(more);
        all.addAll(parts.subList(deferred.insertAt(), parts.size()));
        return new Message(flowId, direction, protocol, all, frames, timestampNanos, null);
    }

    /** The same message with each part (made now or later) changed by {@code f}, under {@code newProtocol}. */
    public Message mapParts(String newProtocol, UnaryOperator<MessagePart> f) {
        List<MessagePart> mapped = new ArrayList<>(parts.size());
        for (MessagePart p : parts) {
            mapped.add(f.apply(p));
        }
        return new Message(flowId, direction, newProtocol, mapped, frames, timestampNanos,
                deferred == null ? null : deferred.map(f));
    }
}
