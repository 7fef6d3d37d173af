package org.phonehome.net;

/**
 * What {@link Ipv4Parser} and {@link Ipv6Parser} found in one IP header. A decoder owns one and reuses it for every
 * packet, so parsing allocates nothing; every field is rewritten by each successful parse.
 */
final class IpHeader {
    /** 4 or 6. */
    int version;
    /** Offset of the source address in the parsed array (4 or 16 bytes). */
    int srcOffset;
    /** Offset of the destination address in the parsed array. */
    int dstOffset;
    /** The upper-layer protocol: IPv4 protocol field, or IPv6 next header after the extension headers. */
    int protocol;
    /** Where the IP payload (or, for a fragment, the fragment's data) starts. */
    int payloadOffset;
    /** Where the captured payload bytes end (exclusive): the IP length or the end of the capture, whichever is first. */
    int payloadEnd;
    /** Payload bytes the IP length announces beyond {@link #payloadEnd} (the capture was cut). */
    int payloadMissing;
    /** An {@code anomaly.*} counter the parse wants counted, or null. */
    String anomaly;
    /** True for a fragment that needs reassembly (not an atomic fragment). */
    boolean fragment;
    /** The fragment's offset in bytes in the reassembled payload. */
    int fragmentOffset;
    /** More-fragments flag. */
    boolean moreFragments;
    /** IPv4 identification (16 bits) or IPv6 fragment identification (32 bits). */
    long fragmentId;
}
