package org.phonehome.capture;

/**
 * One record read from a capture: what tshark calls a frame.
 *
 * @param frameNumber     1-based position of the record in the capture (across all files of one audit)
 * @param timestampNanos  capture time in nanoseconds since the Unix epoch
 * @param linkType        the LINKTYPE_* value of the interface it was captured on (see {@link LinkType})
 * @param originalLength  the packet's length on the wire ({@code frame.len}); may exceed {@code data.length}
 * @param data            the captured bytes ({@code frame.cap_len} = {@code data.length}); owned by this record
 * @param interfaceId     pcapng interface index; 0 for pcap
 * @param app             the app the capture attributes the packet to, or null
 */
public record CapturedPacket(long frameNumber, long timestampNanos, int linkType, int originalLength,
                             byte[] data, int interfaceId, AppAttribution app) {
}
