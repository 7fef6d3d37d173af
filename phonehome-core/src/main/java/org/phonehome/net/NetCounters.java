package org.phonehome.net;

/**
 * The counter names the {@code net} stage writes into {@link org.phonehome.Counters}.
 *
 * <p>Every frame given to {@link PacketDecoder#decode} adds one to exactly one {@code decoded.*} or
 * {@code undecoded.*} counter. {@code anomaly.*} counters record events that do not classify a frame
 * (fragment sets reassembled or dropped, lengths that disagree) and are never part of that sum.
 */
public final class NetCounters {
    /** Prefix of the counters of frames that were decoded. */
    public static final String DECODED = "decoded.";
    /** Prefix of the counters of frames that could not be decoded, one per reason. */
    public static final String UNDECODED = "undecoded.";
    /** Prefix of the counters of events that do not classify a frame. */
    public static final String ANOMALY = "anomaly.";

    // ---- decoded.* : what a frame carried ----
    /** A TCP segment was returned. */
    public static final String TCP = "decoded.tcp";
    /** A UDP datagram was returned. */
    public static final String UDP = "decoded.udp";
    /** ICMP for IPv4: counted, not returned. */
    public static final String ICMP = "decoded.icmp";
    /** ICMPv6: counted, not returned. */
    public static final String ICMPV6 = "decoded.icmpv6";
    /** Another IP protocol (ESP, GRE, IGMP, SCTP, IPv6 "no next header", ...). */
    public static final String IP_OTHER = "decoded.ip_other";
    /** An IP fragment held for reassembly (the frame that completes a datagram counts as what it carried). */
    public static final String IP_FRAGMENT = "decoded.ip_fragment";
    /** ARP, LLDP, LLC, PPP control and every other frame that carries no IP: counted, not an error. */
    public static final String NON_IP = "decoded.non_ip";

    // ---- undecoded.* : why a frame could not be decoded ----
    /** The capture's link type is not one the decoder knows. */
    public static final String UNSUPPORTED_LINK_TYPE = "undecoded.unsupported_link_type";
    /** The frame is shorter than its link-layer header. */
    public static final String TRUNCATED_LINK_HEADER = "undecoded.truncated_link_header";
    /** More stacked VLAN tags than {@link LinkLayer#MAX_VLAN_TAGS}. */
    public static final String TOO_MANY_VLAN_TAGS = "undecoded.too_many_vlan_tags";
    /** An NFLOG TLV whose length is below its own header or runs past the frame. */
    public static final String BAD_NFLOG_TLV = "undecoded.bad_nflog_tlv";
    /** An NFLOG message without a payload TLV. */
    public static final String NFLOG_WITHOUT_PAYLOAD = "undecoded.nflog_without_payload";
    /** The frame ends inside the IPv4 or IPv6 header. */
    public static final String TRUNCATED_IP_HEADER = "undecoded.truncated_ip_header";
    /** The IP version nibble is not the one the link layer announced (or neither 4 nor 6 for raw IP). */
    public static final String BAD_IP_VERSION = "undecoded.bad_ip_version";
    /** IPv4 IHL below 5. */
    public static final String BAD_IP_HEADER_LENGTH = "undecoded.bad_ip_header_length";
    /** IPv4 total length below the header length. */
    public static final String BAD_IP_TOTAL_LENGTH = "undecoded.bad_ip_total_length";
    /** An IPv6 jumbogram (payload length 0 with a Hop-by-Hop header); not supported. */
    public static final String IPV6_JUMBOGRAM = "undecoded.ipv6_jumbogram";
    /** An IPv6 extension header that is cut by the end of the capture. */
    public static final String TRUNCATED_IPV6_EXTENSION_HEADER = "undecoded.truncated_ipv6_extension_header";
    /** An IPv6 extension header that runs past the payload length. */
    public static final String BAD_IPV6_EXTENSION_HEADER = "undecoded.bad_ipv6_extension_header";
    /** More IPv6 extension headers than {@link NetLimits#maxExtensionHeaders()}. */
    public static final String TOO_MANY_IPV6_EXTENSION_HEADERS = "undecoded.too_many_ipv6_extension_headers";
    /** More nested IP-in-IP tunnels than {@link NetLimits#maxTunnelDepth()}. */
    public static final String TUNNEL_TOO_DEEP = "undecoded.tunnel_too_deep";
    /** A fragment (not the first) whose data is cut by the capture: it cannot be reassembled. */
    public static final String TRUNCATED_IP_FRAGMENT = "undecoded.truncated_ip_fragment";
    /** A fragment that reaches past {@link NetLimits#maxDatagramBytes()}. */
    public static final String IP_FRAGMENT_TOO_LARGE = "undecoded.ip_fragment_too_large";
    /** A fragment refused because the reassembler's pending-set or byte limit was reached. */
    public static final String IP_FRAGMENT_LIMIT = "undecoded.ip_fragment_limit";
    /** The frame ends inside the TCP header. */
    public static final String TRUNCATED_TCP_HEADER = "undecoded.truncated_tcp_header";
    /** TCP data offset below 5 or past the end of the segment. */
    public static final String BAD_TCP_HEADER_LENGTH = "undecoded.bad_tcp_header_length";
    /** The frame ends inside the UDP header. */
    public static final String TRUNCATED_UDP_HEADER = "undecoded.truncated_udp_header";
    /** UDP length field below 8. */
    public static final String BAD_UDP_LENGTH = "undecoded.bad_udp_length";
    /** Safety net: a decoder bug threw; never expected. */
    public static final String DECODER_ERROR = "undecoded.decoder_error";

    // ---- anomaly.* : events ----
    /** A datagram was reassembled from fragments. */
    public static final String FRAGMENTS_REASSEMBLED = "anomaly.ip_fragments_reassembled";
    /** A fragment set was dropped because it did not complete within the timeout. */
    public static final String FRAGMENTS_EXPIRED = "anomaly.ip_fragments_expired";
    /** A fragment set was still incomplete when the capture ended. */
    public static final String FRAGMENTS_INCOMPLETE_AT_END = "anomaly.ip_fragments_incomplete_at_end";
    /** A fragment partly overlapped bytes already held (the bytes received first were kept). */
    public static final String FRAGMENT_OVERLAP = "anomaly.ip_fragment_overlap";
    /** A fragment carried only bytes already held. */
    public static final String FRAGMENT_DUPLICATE = "anomaly.ip_fragment_duplicate";
    /** Fragments disagree about where the datagram ends (the first answer was kept). */
    public static final String FRAGMENT_INCONSISTENT = "anomaly.ip_fragment_inconsistent";
    /** A fragment was refused because the reassembler was full. */
    public static final String FRAGMENT_LIMIT = "anomaly.ip_fragment_limit";
    /** The IP length announces more bytes than were captured (snap length cut or bogus length). */
    public static final String TOTAL_LENGTH_EXCEEDS_CAPTURE = "anomaly.ip_total_length_exceeds_capture";
    /** IPv4 total length 0, as captures of TCP segmentation offload show: the captured bytes were used. */
    public static final String TOTAL_LENGTH_ZERO = "anomaly.ip_total_length_zero";
    /** The UDP length field disagrees with the IP payload length (the smaller was used). */
    public static final String UDP_LENGTH_MISMATCH = "anomaly.udp_length_mismatch";
    /** A first fragment cut by the capture: decoded alone (as tshark does), without reassembly. */
    public static final String FIRST_FRAGMENT_TRUNCATED = "anomaly.ip_first_fragment_truncated";
    /** A packet inside an IP-in-IP or 6in4 tunnel was decoded. */
    public static final String TUNNELLED = "anomaly.ip_tunnel_decapsulated";

    private NetCounters() {
    }
}
