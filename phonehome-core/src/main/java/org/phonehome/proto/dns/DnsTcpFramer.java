package org.phonehome.proto.dns;

import java.util.function.Consumer;
import org.phonehome.flow.StreamChunk;

/**
 * Cuts one direction of a DNS-over-TCP stream into messages (RFC 1035 section 4.2.2: a two-byte length before each).
 * Only the framing lives here; {@link DnsParser} reads each message, exactly as for UDP.
 */
public final class DnsTcpFramer {
    private final Consumer<Framed> sink;
    private byte[] buffer = new byte[0];
    private int filled;
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

    /** @param sink receives each whole message */
    public DnsTcpFramer(Consumer<Framed> sink) {
        this.sink = sink;
    }

    /** Feeds in-order stream bytes. */
    public void data(StreamChunk c) {
        if (lost) {
            return;
        }
        int p = c.offset();
        int end = c.offset() + c.length();
        while (p < end) {
            if (filled == 0) {
                firstFrame = c.frameNumber();
                firstTime = c.timestampNanos();
            }
            int want = filled < 2 ? 2 : 2 + (((buffer[0] & 0xff) << 8) | (buffer[1] & 0xff));
            if (buffer.length < want) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(want, 2));
            }
            int n = Math.min(want - filled, end - p);
            System.arraycopy(c.data(), p, buffer, filled, n);
            filled += n;
            p += n;
            if (filled == want && want > 2) {
                sink.accept(new Framed(java.util.Arrays.copyOfRange(buffer, 2, want), firstFrame, firstTime));
                filled = 0;
            } else if (filled == 2 && want == 2 && ((buffer[0] | buffer[1]) == 0)) {
                filled = 0;
            }
        }
    }

    /** Bytes were lost: the length prefixes after a gap cannot be trusted, so framing stops for this direction. */
    public void gap() {
        lost = true;
        buffer = new byte[0];
        filled = 0;
    }

    /** True once a gap stopped the framing. */
    public boolean stopped() {
        return lost;
    }
}
