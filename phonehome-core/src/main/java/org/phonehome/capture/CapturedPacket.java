package org.phonehome.capture;

import java.util.Arrays;

/**
 * One record read from a capture: what tshark calls a frame.
 *
 * <p>The captured bytes are {@code buffer[dataOffset, dataOffset + capturedLength)}. Readers leave them where they
 * were read, in a buffer shared with the frames around it, rather than copy every frame: nothing may write to
 * that range, and what must keep bytes beyond the frame's own handling copies them ({@link #data()}).
 *
 * @param frameNumber     1-based position of the record in the capture (across all files of one audit)
 * @param timestampNanos  capture time in nanoseconds since the Unix epoch
 * @param linkType        the LINKTYPE_* value of the interface it was captured on (see {@link LinkType})
 * @param originalLength  the packet's length on the wire ({@code frame.len}); may exceed {@code capturedLength}
 * @param buffer          the array holding the captured bytes
 * @param dataOffset      where the captured bytes start in {@code buffer}
 * @param capturedLength  how many bytes were captured ({@code frame.cap_len})
 * @param interfaceId     pcapng interface index; 0 for pcap
 * @param app             the app the capture attributes the packet to, or null
 */
public record CapturedPacket(long frameNumber, long timestampNanos, int linkType, int originalLength,
                             byte[] buffer, int dataOffset, int capturedLength, int interfaceId,
                             AppAttribution app) {

    public CapturedPacket {
        if (buffer == null) {
            buffer = new byte[0];
            dataOffset = 0;
            capturedLength = 0;
        }
        if (dataOffset < 0 || capturedLength < 0 || dataOffset > buffer.length - capturedLength) {
            throw new IllegalArgumentException("captured bytes [" + dataOffset + ", +" + capturedLength
                    + ") outside a buffer of " + buffer.length);
        }
    }

    /** A frame whose captured bytes are the whole of {@code data} (null for none). */
    public CapturedPacket(long frameNumber, long timestampNanos, int linkType, int originalLength, byte[] data,
                          int interfaceId, AppAttribution app) {
        this(frameNumber, timestampNanos, linkType, originalLength, data, 0, data == null ? 0 : data.length,
                interfaceId, app);
    }

    /** A copy of the captured bytes, the frame's own. */
    public byte[] data() {
        return Arrays.copyOfRange(buffer, dataOffset, dataOffset + capturedLength);
    }
}
