package org.phonehome.flow;

/**
 * The flow stage's anomaly and counter names: the report's stable snake_case vocabulary.
 *
 * <p>Per-flow anomalies appear in {@link FlowSummary#anomalies()} and are also added to the global
 * {@link org.phonehome.Counters} under the same name; the table-level names are global only.
 */
public final class FlowAnomalies {
    private FlowAnomalies() {
    }

    // --- per flow (and global) ---

    /** A direction's first segment had no SYN: the capture started mid-connection; that seq is stream offset 0. */
    public static final String TCP_MID_STREAM_START = "tcp_mid_stream_start";
    /** A segment whose bytes had all been delivered already; dropped. */
    public static final String TCP_RETRANSMISSION = "tcp_retransmission";
    /** A segment partly made of delivered bytes; only its new part was delivered. */
    public static final String TCP_PARTIAL_RETRANSMISSION = "tcp_partial_retransmission";
    /** Overlapping bytes differed from the bytes seen first (which won). */
    public static final String TCP_OVERLAP_INCONSISTENT = "tcp_overlap_inconsistent";
    /** A segment arrived ahead of a hole and was buffered. */
    public static final String TCP_OUT_OF_ORDER = "tcp_out_of_order";
    /** The out-of-order buffer was full: the reassembler stopped waiting for a hole and reported it as a gap. */
    public static final String TCP_OOO_BUFFER_FULL = "tcp_ooo_buffer_full";
    /**
     * The out-of-order bytes of all connections together were at their bound ({@link FlowBudget}): this one stopped
     * waiting for its hole and reported it as a gap.
     */
    public static final String TCP_OOO_MEMORY_FULL = "tcp_ooo_memory_full";
    /** Gaps reported (count). */
    public static final String TCP_GAP = "tcp_gap";
    /** Bytes in reported gaps. */
    public static final String TCP_GAP_BYTES = "tcp_gap_bytes";
    /** A segment far outside the window (ahead or behind by more than the out-of-order bound); dropped. */
    public static final String TCP_SEQ_JUMP = "tcp_seq_jump";
    /** After several consecutive sequence jumps the stream was re-synchronised to the new numbers. */
    public static final String TCP_SEQ_RESYNC = "tcp_seq_resync";
    /** Bytes beyond the FIN's sequence number; dropped (counted per segment). */
    public static final String TCP_DATA_AFTER_FIN = "tcp_data_after_fin";
    /** A second FIN at a different sequence number than the first; the first is kept. */
    public static final String TCP_FIN_INCONSISTENT = "tcp_fin_inconsistent";
    /** Data sent by a side after its RST; dropped. */
    public static final String TCP_DATA_AFTER_RST = "tcp_data_after_rst";
    /** A RST segment carried payload (RFC 1122 diagnostic text); not part of the stream, not delivered. */
    public static final String TCP_RST_WITH_DATA = "tcp_rst_with_data";
    /** A segment cut by the capture's snaplen: its missing bytes are reported as a gap. */
    public static final String TCP_SNAPLEN_CUT = "tcp_snaplen_cut";
    /** A UDP datagram without payload (counted; no payload call). */
    public static final String UDP_EMPTY_DATAGRAM = "udp_empty_datagram";
    /** A UDP datagram cut by the capture's snaplen: its missing bytes are reported as a gap. */
    public static final String UDP_SNAPLEN_CUT = "udp_snaplen_cut";
    /**
     * Frames device to server that were IP fragments joined into an earlier-counted datagram: for each reassembled
     * datagram, its frames minus one. {@code packets_out} counts every frame.
     */
    public static final String IP_FRAGMENT_FRAMES_OUT = "ip_fragment_frames_out";
    /** As {@link #IP_FRAGMENT_FRAMES_OUT}, server to device. */
    public static final String IP_FRAGMENT_FRAMES_IN = "ip_fragment_frames_in";

    // --- global only ---

    /** TCP flows started. */
    public static final String FLOW_TCP = "flow_tcp";
    /** UDP flows started. */
    public static final String FLOW_UDP = "flow_udp";
    /** Flows ended because the table was full (least recently active first). */
    public static final String FLOW_EVICTED = "flow_evicted";
    /** Flows ended by their idle timeout. */
    public static final String FLOW_IDLE_TIMEOUT = "flow_idle_timeout";
    /**
     * A SYN started a new flow on a connection's 5-tuple: the connection was closed, or the SYN's sequence number is
     * not the one the connection began with.
     */
    public static final String TCP_PORT_REUSE = "tcp_port_reuse";
    /** A packet that is neither TCP nor UDP reached the flow stage; ignored. */
    public static final String FLOW_UNSUPPORTED_PROTOCOL = "flow_unsupported_protocol";
    /** A packet with impossible fields (null address, port out of range, payload outside its array); ignored. */
    public static final String FLOW_MALFORMED_PACKET = "flow_malformed_packet";
    /** A packet's capture time was before an earlier packet's; the flow clock does not go back. */
    public static final String FLOW_TIME_WENT_BACKWARDS = "flow_time_went_backwards";
    /** An unexpected failure while handling a packet (a bug, or a listener that threw); the packet was skipped. */
    public static final String FLOW_INTERNAL_ERROR = "flow_internal_error";
    /** Packets that arrived after {@link FlowTable#finish()}; ignored. */
    public static final String FLOW_PACKET_AFTER_FINISH = "flow_packet_after_finish";
}
