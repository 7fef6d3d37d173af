package org.phonehome.proto.dns;

import java.util.Arrays;
import java.util.function.Consumer;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.ParserMemory;

/**
 * Cuts one direction of a DNS-over-TCP stream into messages (RFC 1035 section 4.2.2: a two-byte length before each).
 * Only the framing lives here; {@link DnsParser} reads each message, exactly as for UDP.
 *
 * <p>A message is collected as its bytes arrive, never to its announced length up front: two bytes announcing 64 KB
 * would otherwise hold 64 KB. Room past the first {@value #INITIAL_CAPACITY} bytes is held within the audit's
 * {@link ParserMemory} and given back after the message; a message the shared bound refuses is skipped by its
 * length ({@link #MEMORY_FULL}) and the framing goes on.
 */
public final class DnsTcpFramer {
    /** The shared bound refused a message's room: it was skipped, not read. */
    public static final String MEMORY_FULL = "dns_memory_full";
    /** A message cut by the end of its flow: its length said more than came. */
    public static final String INCOMPLETE = "dns_tcp_message_incomplete";
    /** A message up to this size needs no room from the shared bound (RFC 1035's UDP limit). */
    static final int INITIAL_CAPACITY = 512;
    private static final byte[] NONE = new byte[0];

    private final Consumer<Framed> sink;
    private final ParserMemory memory;
    private final Consumer<String> anomalies;
    private final byte[] prefix = new byte[2];
    private byte[] buffer = NONE;
    /** Bytes of the current prefix and message read so far. */
    private int filled;
    private int length;
    private boolean skipping;
    private long firstFrame = -1;
    private long firstTime;
    private boolean lost;

    /**
     * One framed message.
     *
     * @param data           the message bytes (owned)
     * @param frameNumber    frame that carried its first byte
     * @param timestampNanos that frame's time
     */
    public record Framed(byte[] data, long frameNumber, long timestampNanos) {
    }

    /** @param sink receives each whole message; room comes from a share of what this JVM's heap affords */
    public DnsTcpFramer(Consumer<Framed> sink) {
        this(sink, ParserMemory.forHeap(), name -> { });
    }

    /**
     * @param sink      receives each whole message
     * @param memory    what the parsers of all flows hold together: this framer's worker's share
     * @param anomalies counts {@link #MEMORY_FULL} and {@link #INCOMPLETE}
     */
    public DnsTcpFramer(Consumer<Framed> sink, ParserMemory memory, Consumer<String> anomalies) {
        this.sink = sink;
        this.memory = memory;
        this.anomalies = anomalies;
    }

    /** Feeds in-order stream bytes. */
    public void data(StreamChunk c) {
        if (lost) {
            return;
        }
        int p = c.offset();
        int end = c.offset() + c.length();
        while (p < end) {
            if (filled < 2) {
                if (filled == 0) {
                    firstFrame = c.frameNumber();
                    firstTime = c.timestampNanos();
                }
                prefix[filled++] = c.data()[p++];
                if (filled == 2) {
                    length = ((prefix[0] & 0xff) << 8) | (prefix[1] & 0xff);
                    skipping = false;
                    if (length == 0) {
                        filled = 0; // an empty message: nothing to read
                    }
                }
                continue;
            }
            int at = filled - 2;
            int n = Math.min(length - at, end - p);
            if (!skipping && buffer.length < at + n && !grow(at + n)) {
                skipping = true;
                anomalies.accept(MEMORY_FULL);
                release();
            }
            if (!skipping) {
                System.arraycopy(c.data(), p, buffer, at, n);
            }
            filled += n;
            p += n;
            if (filled == length + 2) {
                if (!skipping) {
                    sink.accept(new Framed(Arrays.copyOf(buffer, length), firstFrame, firstTime));
                }
                filled = 0;
                if (buffer.length > INITIAL_CAPACITY) {
                    release();
                }
            }
        }
    }

    /** Grows to at least {@code needed} bytes (doubling, at most the message's length), if the shared bound allows. */
    private boolean grow(int needed) {
        int size = Math.min(length, Math.max(needed, Math.max(INITIAL_CAPACITY, buffer.length * 2)));
        long more = Math.max(0, size - INITIAL_CAPACITY) - Math.max(0, buffer.length - INITIAL_CAPACITY);
        if (more > 0 && !memory.take(more)) {
            return false;
        }
        buffer = Arrays.copyOf(buffer, size);
        return true;
    }

    /** Gives back the room held past the first bytes, and the buffer. */
    private void release() {
        memory.giveBack(Math.max(0, buffer.length - INITIAL_CAPACITY));
        buffer = NONE;
    }

    /** Bytes were lost: the length prefixes after a gap cannot be trusted, so framing stops for this direction. */
    public void gap() {
        lost = true;
        release();
        filled = 0;
    }

    /** The flow ended: a message under way is counted ({@link #INCOMPLETE}), dropped, and its room given back. */
    public void end() {
        if (filled > 0 && !lost) {
            anomalies.accept(INCOMPLETE);
        }
        drop();
    }

    /** The flow's parsing stopped: a message under way is dropped and its room given back. */
    public void drop() {
        release();
        filled = 0;
    }

    /** True once a gap stopped the framing. */
    public boolean stopped() {
        return lost;
    }
}
