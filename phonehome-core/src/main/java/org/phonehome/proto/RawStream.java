package org.phonehome.proto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;

/**
 * One direction of a flow whose protocol phonehome does not parse, cut into bounded {@code stream} messages: a leak
 * over a home-made protocol on port 5222 is still a leak.
 *
 * <p>Bytes are collected up to {@link #MESSAGE_BYTES}; a message ends there, at a gap, and at the end of the flow.
 * The last {@link #OVERLAP_BYTES} of a full message begin the next one, so a value cut by the boundary is still
 * whole in one of them.
 */
final class RawStream {
    /** Large enough for a typical app-protocol message, small enough that 100,000 open flows stay bounded. */
    static final int MESSAGE_BYTES = 64 * 1024;
    /** Longer than any identifier form (a SHA-256 hex is 64 bytes, a base64 of a long canary ~200). */
    static final int OVERLAP_BYTES = 512;

    private final long flowId;
    private final Direction direction;
    private final Consumer<Message> sink;
    private byte[] buffer = new byte[0];
    private int filled;
    private final List<Long> frames = new ArrayList<>();
    private long firstTime;

    RawStream(long flowId, Direction direction, Consumer<Message> sink) {
        this.flowId = flowId;
        this.direction = direction;
        this.sink = sink;
    }

    void data(StreamChunk c) {
        int p = c.offset();
        int end = c.offset() + c.length();
        while (p < end) {
            if (filled == 0 || frames.isEmpty()) {
                firstTime = c.timestampNanos();
            }
            noteFrame(c.frameNumber());
            int n = Math.min(end - p, MESSAGE_BYTES - filled);
            if (buffer.length < filled + n) {
                buffer = Arrays.copyOf(buffer, Math.min(MESSAGE_BYTES, Math.max(filled + n, buffer.length * 2)));
            }
            System.arraycopy(c.data(), p, buffer, filled, n);
            filled += n;
            p += n;
            if (filled == MESSAGE_BYTES) {
                emit(true);
            }
        }
    }

    /** One datagram as one message (UDP). */
    void datagram(StreamChunk c) {
        if (c.length() == 0) {
            return;
        }
        byte[] copy = Arrays.copyOfRange(c.data(), c.offset(), c.offset() + c.length());
        sink.accept(new Message(flowId, direction, "raw",
                List.of(new MessagePart(MessagePart.Kinds.STREAM, null, copy, List.of())),
                List.of(c.frameNumber()), c.timestampNanos()));
    }

    /** Bytes were lost: what came before is a message of its own, never joined to what comes after. */
    void gap() {
        emit(false);
    }

    void end() {
        emit(false);
    }

    private void noteFrame(long frame) {
        if (frames.size() < Message.MAX_FRAMES_LISTED && (frames.isEmpty() || frames.get(frames.size() - 1) != frame)) {
            frames.add(frame);
        }
    }

    private void emit(boolean carryOverlap) {
        if (filled == 0) {
            return;
        }
        byte[] value = Arrays.copyOf(buffer, filled);
        sink.accept(new Message(flowId, direction, "raw",
                List.of(new MessagePart(MessagePart.Kinds.STREAM, null, value, List.of())), List.copyOf(frames),
                firstTime));
        long lastFrame = frames.get(frames.size() - 1);
        frames.clear();
        if (carryOverlap) {
            System.arraycopy(buffer, filled - OVERLAP_BYTES, buffer, 0, OVERLAP_BYTES);
            filled = OVERLAP_BYTES;
            frames.add(lastFrame);
        } else {
            filled = 0;
            buffer = new byte[0];
        }
    }
}
