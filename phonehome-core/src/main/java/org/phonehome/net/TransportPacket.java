package org.phonehome.net;

import org.phonehome.capture.AppAttribution;

/**
 * A TCP or UDP packet decoded from one frame, or from several frames when IP fragments were reassembled.
 *
 * @param frameNumber    frame number of the frame that completed the packet (the only one when not fragmented)
 * @param firstFrame     frame number of the first frame that carried part of it
 * @param frames         how many frames carried it (1 unless IP fragments were reassembled)
 * @param wireBytes      sum of the on-the-wire lengths ({@code frame.len}) of those frames
 * @param timestampNanos capture time of the completing frame, ns since the Unix epoch
 * @param src            source IP address
 * @param dst            destination IP address
 * @param protocol       IP protocol number ({@link #TCP} or {@link #UDP})
 * @param srcPort        source port
 * @param dstPort        destination port
 * @param seq            TCP sequence number (unsigned 32 bits); 0 for UDP
 * @param ack            TCP acknowledgement number (unsigned 32 bits); 0 for UDP
 * @param tcpFlags       TCP flags byte (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20); 0 for UDP
 * @param window         TCP window field as sent (unscaled); 0 for UDP
 * @param payload        the array holding the transport payload
 * @param payloadOffset  offset of the payload in {@code payload}
 * @param payloadLength  number of payload bytes present (may be fewer than announced when the frame was cut by snaplen)
 * @param payloadMissing payload bytes announced by the headers but absent from the capture (snaplen cut)
 * @param app            the app the capture attributes the packet to, or null
 */
public record TransportPacket(long frameNumber, long firstFrame, int frames, long wireBytes, long timestampNanos,
                              IpAddress src, IpAddress dst, int protocol, int srcPort, int dstPort,
                              long seq, long ack, int tcpFlags, int window,
                              byte[] payload, int payloadOffset, int payloadLength, int payloadMissing,
                              AppAttribution app) {
    /** IP protocol number of TCP. */
    public static final int TCP = 6;
    /** IP protocol number of UDP. */
    public static final int UDP = 17;
    /** TCP FIN flag. */
    public static final int FIN = 0x01;
    /** TCP SYN flag. */
    public static final int SYN = 0x02;
    /** TCP RST flag. */
    public static final int RST = 0x04;
    /** TCP PSH flag. */
    public static final int PSH = 0x08;
    /** TCP ACK flag. */
    public static final int ACK = 0x10;

    /** True for TCP. */
    public boolean isTcp() {
        return protocol == TCP;
    }

    /** True when the TCP flag bits {@code mask} are all set. */
    public boolean has(int mask) {
        return (tcpFlags & mask) == mask;
    }
}
