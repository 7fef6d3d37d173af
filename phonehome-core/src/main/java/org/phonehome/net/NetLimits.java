package org.phonehome.net;

/**
 * Bounds of the {@code net} stage. Captures are attacker-controlled, so everything a decoder holds is bounded.
 *
 * @param maxPendingDatagrams  fragment sets held at once; beyond it new fragment sets are refused (counted)
 * @param maxDatagramBytes     largest reassembled datagram payload; a fragment reaching past it is refused
 * @param maxHeldBytes         bytes held in all pending fragment sets together
 * @param fragmentTimeoutNanos a fragment set not completed within this much capture time after its first
 *                             fragment is dropped (counted)
 * @param maxExtensionHeaders  IPv6 extension headers followed before the packet is refused
 * @param maxTunnelDepth       nested IP-in-IP / 6in4 headers decapsulated before the packet is refused
 */
public record NetLimits(int maxPendingDatagrams, int maxDatagramBytes, long maxHeldBytes,
                        long fragmentTimeoutNanos, int maxExtensionHeaders, int maxTunnelDepth) {

    /** 4096 sets: Linux keeps about this many (ipfrag_high_thresh of 4 MiB over ~1 KiB sets); a phone has few. */
    public static final int DEFAULT_MAX_PENDING_DATAGRAMS = 4096;
    /** 65535: the IPv4 total length and IPv6 payload length fields cannot say more (jumbograms are refused). */
    public static final int DEFAULT_MAX_DATAGRAM_BYTES = 65535;
    /** 16 MiB: four times Linux's default ipfrag_high_thresh, small next to the rest of the pipeline's heap. */
    public static final long DEFAULT_MAX_HELD_BYTES = 16L << 20;
    /** 30 s: Linux's ipfrag_time (RFC 791 suggests 15 s, RFC 8200 60 s for IPv6). */
    public static final long DEFAULT_FRAGMENT_TIMEOUT_NANOS = 30_000_000_000L;
    /** 16: real packets carry at most a handful (RFC 8200 order has 7 kinds); more is an evasion attempt. */
    public static final int DEFAULT_MAX_EXTENSION_HEADERS = 16;
    /** 4: one tunnel level is the common case (6in4, IPIP); a few more leave room for nested VPNs. */
    public static final int DEFAULT_MAX_TUNNEL_DEPTH = 4;

    /** The defaults above. */
    public static final NetLimits DEFAULTS = new NetLimits(DEFAULT_MAX_PENDING_DATAGRAMS, DEFAULT_MAX_DATAGRAM_BYTES,
            DEFAULT_MAX_HELD_BYTES, DEFAULT_FRAGMENT_TIMEOUT_NANOS, DEFAULT_MAX_EXTENSION_HEADERS,
            DEFAULT_MAX_TUNNEL_DEPTH);

    /** Validates the limits. */
    public NetLimits {
        if (maxPendingDatagrams < 0 || maxDatagramBytes < 0 || maxDatagramBytes > DEFAULT_MAX_DATAGRAM_BYTES
                || maxHeldBytes < 0 || fragmentTimeoutNanos < 0 || maxExtensionHeaders < 0 || maxTunnelDepth < 0) {
            throw new IllegalArgumentException("bad net limits: maxDatagramBytes must be 0..65535, the rest >= 0");
        }
    }
}
