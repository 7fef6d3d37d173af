package org.phonehome.proto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.phonehome.Counters;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;

/**
 * One direction of a flow whose protocol phonehome does not parse, cut into bounded {@code stream} messages: a leak
 * over a home-made protocol on port 5222 is still a leak.
 *
 * <p>Bytes are collected up to {@link #MESSAGE_BYTES}; a message ends there, at a gap, and at the end of the flow.
 * The last {@link #OVERLAP_BYTES} of a full message begin the next one, so a value cut by the boundary is still
 * whole in one of them. The collected bytes are held within the audit's {@link ParserMemory}: when it refuses
 * room, the message ends early ({@code raw_memory_full}) with the bytes that did not fit, and nothing is lost.
 */
final class RawStream {
    /** Large enough for a typical app-protocol message, small enough that 100,000 open flows stay bounded. */
    static final int MESSAGE_BYTES = 64 * 1024;
    /** Longer than any identifier form (a SHA-256 hex is 64 bytes, a base64 of a long canary ~200). */
    static final int OVERLAP_BYTES = 512;
    /** The shared bound refused room, and a message ended early. */
    static final String MEMORY_FULL = "raw_memory_full";
    private static final byte[] NONE = new byte[0];

    private final long flowId;
    private final Direction direction;
    private final Consumer<Message> sink;
    private final ParserMemory memory;
    private final Counters counters;
    /** Held within {@link #memory}: its whole length is taken from it. */
    private byte[] buffer = NONE;
    private int filled;
    private final List<Long> frames = new ArrayList<>();
    private long firstTime;

    RawStream(long flowId, Direction direction, Consumer<Message> sink, ParserMemory memory, Counters counters) {
        this.flowId = flowId;
        this.direction = direction;
        this.sink = sink;
        this.memory = memory;
        this.counters = counters;
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
            if (buffer.length < filled + n
                    && !resize(Math.min(MESSAGE_BYTES, Math.max(filled + n, buffer.length * 2)))
                    && !resize(filled + n)) {
                counters.increment(MEMORY_FULL);
                emitWith(c.data(), p, n);
                p += n;
                continue;
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

    /** Makes the buffer {@code capacity} long, if it shrinks or the shared bound grants the growth. */
    private boolean resize(int capacity) {
        if (capacity > buffer.length && !memory.take(capacity - buffer.length)) {
            return false;
        }
        if (capacity < buffer.length) {
            memory.giveBack(buffer.length - capacity);
        }
        buffer = capacity == 0 ? NONE : Arrays.copyOf(buffer, capacity);
        return true;
    }

    /**
     * The shared bound refused room: the held bytes and {@code b[from, from + n)} are a message now, from a copy
     * that is not held, and the last of them begin the next one as far as the buffer has room.
     */
    private void emitWith(byte[] b, int from, int n) {
        byte[] value = Arrays.copyOf(buffer, filled + n);
        System.arraycopy(b, from, value, filled, n);
        sink.accept(new Message(flowId, direction, "raw",
                List.of(new MessagePart(MessagePart.Kinds.STREAM, null, value, List.of())), List.copyOf(frames),
                firstTime));
        long lastFrame = frames.get(frames.size() - 1);
        frames.clear();
        frames.add(lastFrame);
        filled = Math.min(Math.min(OVERLAP_BYTES, buffer.length), value.length);
        System.arraycopy(value, value.length - filled, buffer, 0, filled);
    }

    /** The flow's parsing stopped: gives back the room of the held bytes, unreported. */
    void drop() {
        filled = 0;
        frames.clear();
        resize(0);
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
            // Shrunk: a long flow that goes quiet holds its overlap, not a whole message's room.
            resize(OVERLAP_BYTES);
            filled = OVERLAP_BYTES;
            frames.add(lastFrame);
        } else {
            filled = 0;
            resize(0);
        }
    }
}
