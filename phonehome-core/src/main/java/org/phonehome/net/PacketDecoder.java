package org.phonehome.net;

import org.phonehome.Counters;
import org.phonehome.capture.CapturedPacket;

/**
 * Turns captured frames into TCP/UDP packets: link layer, IPv4/IPv6 (options, extension headers, IP-in-IP and
 * 6in4 tunnels, fragments reassembled), then TCP or UDP.
 *
 * <p>Every frame given to {@link #decode} adds one to exactly one {@code decoded.*} or {@code undecoded.*}
 * counter (see {@link NetCounters}); nothing throws on malformed input. Its state: the {@link FragmentReassembler}
 * it owns, and the addresses of recent packets it hands out again ({@link RecentAddresses}), which changes no
 * packet's content. Not thread-safe: one decoder per worker.
 */
public final class PacketDecoder {
    private static final int ICMP = 1;
    private static final int IPV4_IN_IP = 4;
    private static final int IPV6_IN_IP = 41;
    private static final int ICMPV6 = 58;

    private final Counters counters;
    private final NetLimits limits;
    private final FragmentReassembler reassembler;
    private final IpHeader header = new IpHeader();
    private final FrameOrigin origin = new FrameOrigin();
    private final RecentAddresses addresses = new RecentAddresses();
    /** The one {@code decoded.*}/{@code undecoded.*} counter of the frame being decoded. */
    private String outcome;
    /** The two outcomes of almost every frame, counted without a lookup by name. */
    private final Counters.Cell decodedTcp;
    private final Counters.Cell decodedUdp;
    /** True while decoding a truncated first fragment alone: its UDP length rightly exceeds the fragment. */
    private boolean fragmentAlone;

    /** A decoder with {@link NetLimits#DEFAULTS} counting into {@code counters}. */
    public PacketDecoder(Counters counters) {
        this(counters, NetLimits.DEFAULTS);
    }

    /** A decoder with the given limits counting into {@code counters}. */
    public PacketDecoder(Counters counters, NetLimits limits) {
        this.counters = counters;
        this.decodedTcp = counters.cell(NetCounters.TCP);
        this.decodedUdp = counters.cell(NetCounters.UDP);
        this.limits = limits;
        this.reassembler = new FragmentReassembler(limits, counters);
    }

    /** Decodes one frame; returns its TCP/UDP packet, or null when the frame carries none (then it is counted). */
    public TransportPacket decode(CapturedPacket frame) {
        outcome = null;
        fragmentAlone = false;
        TransportPacket packet;
        try {
            packet = decodeFrame(frame);
        } catch (RuntimeException e) {
            // Safety net only: malformed input is handled by bounds checks, never by exceptions.
            counters.increment(NetCounters.DECODER_ERROR);
            return null;
        }
        if (outcome == NetCounters.TCP) {
            decodedTcp.increment();
        } else if (outcome == NetCounters.UDP) {
            decodedUdp.increment();
        } else {
            counters.increment(outcome);
        }
        return packet;
    }

    /** Drops fragment sets older than the timeout relative to nowNanos (counted). */
    public void expire(long nowNanos) {
        reassembler.expire(nowNanos);
    }

    /** Drops all pending fragment sets at end of capture (counted). */
    public void finish() {
        reassembler.finish();
    }

    /** The reassembler this decoder owns (to observe its bounds). */
    public FragmentReassembler reassembler() {
        return reassembler;
    }

    private TransportPacket decodeFrame(CapturedPacket frame) {
        byte[] data = frame.buffer();
        long located = LinkLayer.locate(frame.linkType(), data, frame.dataOffset(), frame.capturedLength());
        int kind = LinkLayer.kind(located);
        if (kind == LinkLayer.NON_IP) {
            return done(NetCounters.NON_IP);
        }
        String reason = LinkLayer.reason(kind);
        if (reason != null) {
            return done(reason);
        }
        origin.reset(frame.frameNumber(), frame.timestampNanos(), frame.originalLength(), frame.app());
        return ip(data, LinkLayer.offset(located), LinkLayer.end(located), kind, 0);
    }

    /** Decodes the IP packet at {@code [off, end)} of kind IPV4, IPV6 or IP_BY_VERSION, {@code depth} tunnels in. */
    private TransportPacket ip(byte[] b, int off, int end, int kind, int depth) {
        if (kind == LinkLayer.IP_BY_VERSION) {
            if (off >= end) {
                return done(NetCounters.TRUNCATED_IP_HEADER);
            }
            int version = (b[off] & 0xff) >>> 4;
            kind = version == 4 ? LinkLayer.IPV4 : version == 6 ? LinkLayer.IPV6 : -1;
            if (kind < 0) {
                return done(NetCounters.BAD_IP_VERSION);
            }
        }
        IpHeader h = header;
        String problem = kind == LinkLayer.IPV4 ? Ipv4Parser.parse(b, off, end, h)
                : Ipv6Parser.parse(b, off, end, limits.maxExtensionHeaders(), h);
        if (problem != null) {
            return done(problem);
        }
        if (h.anomaly != null) {
            counters.increment(h.anomaly);
        }
        if (h.fragment) {
            return fragment(b, depth);
        }
        return upperLayer(h.protocol, b, h.payloadOffset, h.payloadEnd, h.payloadMissing, depth, null, null);
    }

    /** Hands the fragment in {@link #header} to the reassembler; decodes the datagram when it completes. */
    private TransportPacket fragment(byte[] b, int depth) {
        IpHeader h = header;
        if (h.payloadMissing > 0) {
            return truncatedFragment(b, depth);
        }
        int length = h.payloadEnd - h.payloadOffset;
        if ((long) h.fragmentOffset + length > limits.maxDatagramBytes()) {
            return done(NetCounters.IP_FRAGMENT_TOO_LARGE);
        }
        int version = h.version;
        IpAddress src = source(b);
        IpAddress dst = destination(b);
        FragmentKey key = new FragmentKey(src, dst, version == 4 ? h.protocol : -1, h.fragmentId);
        FragmentSet set = reassembler.add(key, h.protocol, origin, h.fragmentOffset, h.moreFragments,
                b, h.payloadOffset, h.payloadEnd);
        if (set == null) {
            return done(NetCounters.IP_FRAGMENT_LIMIT);
        }
        if (!set.complete()) {
            return done(NetCounters.IP_FRAGMENT);
        }
        origin.firstFrame = set.firstFrame;
        origin.frames = set.frames;
        origin.wireBytes = set.wireBytes;
        if (origin.app == null) {
            origin.app = set.firstApp;
        }
        byte[] data = set.data;
        int protocol = set.protocol;
        int payloadOffset = 0;
        if (version == 6) {
            // The fragmentable part may begin with more extension headers.
            String problem = Ipv6Parser.walkExtensions(data, 0, set.totalLength, 0, protocol,
                    limits.maxExtensionHeaders(), h);
            if (problem != null) {
                return done(problem);
            }
            if (h.fragment) {
                return done(NetCounters.BAD_IPV6_EXTENSION_HEADER); // a Fragment header inside a fragment
            }
            protocol = h.protocol;
            payloadOffset = h.payloadOffset;
        }
        return upperLayer(protocol, data, payloadOffset, set.totalLength, 0, depth, src, dst);
    }

    /**
     * A fragment cut by the capture cannot be reassembled. The first one is decoded alone, as tshark does, so that
     * its ports are still seen; the payload is what the capture holds.
     */
    private TransportPacket truncatedFragment(byte[] b, int depth) {
        IpHeader h = header;
        if (h.fragmentOffset != 0) {
            return done(NetCounters.TRUNCATED_IP_FRAGMENT);
        }
        counters.increment(NetCounters.FIRST_FRAGMENT_TRUNCATED);
        fragmentAlone = true;
        if (h.version == 6) {
            String problem = Ipv6Parser.walkExtensions(b, h.payloadOffset, h.payloadEnd, h.payloadMissing,
                    h.protocol, limits.maxExtensionHeaders(), h);
            if (problem != null) {
                return done(problem);
            }
            if (h.fragment) {
                return done(NetCounters.BAD_IPV6_EXTENSION_HEADER); // a Fragment header inside a fragment
            }
        }
        return upperLayer(h.protocol, b, h.payloadOffset, h.payloadEnd, h.payloadMissing, depth, null, null);
    }

    /** The source address of the IP header just parsed, whose bytes are {@code b}. */
    private IpAddress source(byte[] b) {
        return addresses.at(b, header.srcOffset, header.version);
    }

    /** The destination address of the IP header just parsed, whose bytes are {@code b}. */
    private IpAddress destination(byte[] b) {
        return addresses.at(b, header.dstOffset, header.version);
    }

    /**
     * Decodes the IP payload at {@code [off, end)} ({@code missing} more bytes announced) of {@code protocol}.
     * {@code src}/{@code dst} are null when they are still to be read from {@link #header}'s offsets in
     * {@code b}.
     */
    private TransportPacket upperLayer(int protocol, byte[] b, int off, int end, int missing, int depth,
                                       IpAddress src, IpAddress dst) {
        switch (protocol) {
            case TransportPacket.TCP: {
                String problem = TransportLayer.tcpProblem(b, off, end, missing);
                if (problem != null) {
                    return done(problem);
                }
                done(NetCounters.TCP);
                return TransportLayer.tcp(origin, src != null ? src : source(b),
                        dst != null ? dst : destination(b), b, off, end, missing);
            }
            case TransportPacket.UDP: {
                String problem = TransportLayer.udpProblem(b, off, end);
                if (problem != null) {
                    return done(problem);
                }
                if (!fragmentAlone && TransportLayer.udpLengthMismatch(b, off, end, missing)) {
                    counters.increment(NetCounters.UDP_LENGTH_MISMATCH);
                }
                done(NetCounters.UDP);
                return TransportLayer.udp(origin, src != null ? src : source(b),
                        dst != null ? dst : destination(b), b, off, end, missing);
            }
            case ICMP:
                return done(NetCounters.ICMP);
            case ICMPV6:
                return done(NetCounters.ICMPV6);
            case IPV4_IN_IP, IPV6_IN_IP:
                if (depth >= limits.maxTunnelDepth()) {
                    return done(NetCounters.TUNNEL_TOO_DEEP);
                }
                counters.increment(NetCounters.TUNNELLED);
                return ip(b, off, end, protocol == IPV4_IN_IP ? LinkLayer.IPV4 : LinkLayer.IPV6, depth + 1);
            default:
                return done(NetCounters.IP_OTHER);
        }
    }

    private TransportPacket done(String counter) {
        outcome = counter;
        return null;
    }
}
