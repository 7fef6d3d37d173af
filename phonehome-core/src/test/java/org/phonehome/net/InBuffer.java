package org.phonehome.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.phonehome.capture.CapturedPacket;

/**
 * A frame as the capture readers hand it on: in the middle of a buffer shared with other frames. Decoding it there
 * must give what decoding it alone gives, without reading a byte outside it.
 */
public final class InBuffer {
    /** Bytes around the frame: 0x45, an IPv4 header's first byte, so a read past either end looks plausible. */
    private static final byte AROUND = 0x45;

    private InBuffer() {
    }

    /** {@code frame} with its bytes moved {@code pad} bytes into a buffer with {@code pad} more bytes after them. */
    public static CapturedPacket shifted(CapturedPacket frame, int pad) {
        byte[] buffer = new byte[frame.capturedLength() + 2 * pad];
        Arrays.fill(buffer, AROUND);
        System.arraycopy(frame.buffer(), frame.dataOffset(), buffer, pad, frame.capturedLength());
        return new CapturedPacket(frame.frameNumber(), frame.timestampNanos(), frame.linkType(),
                frame.originalLength(), buffer, pad, frame.capturedLength(), frame.interfaceId(), frame.app());
    }

    /** The packet decoded from a shifted frame equals the one decoded from the frame alone (or both are null). */
    public static void assertSameDecoding(TransportPacket alone, TransportPacket shifted) {
        if (alone == null) {
            assertThat(shifted).isNull();
            return;
        }
        assertThat(shifted).isNotNull();
        assertThat(Frames.payload(shifted)).isEqualTo(Frames.payload(alone));
        assertThat(shifted).usingRecursiveComparison().ignoringFields("payload", "payloadOffset").isEqualTo(alone);
    }
}
