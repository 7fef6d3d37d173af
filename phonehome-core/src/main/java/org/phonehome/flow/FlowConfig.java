package org.phonehome.flow;

import java.util.concurrent.TimeUnit;
import org.phonehome.net.IpAddress;

/**
 * Settings of the {@link FlowTable}. Timeouts are in capture time, not wall-clock time.
 *
 * @param deviceIp              the device's address ({@code --device-ip}); null to infer the device side per flow
 * @param tcpIdleTimeoutNanos   an open TCP connection that was answered (a SYN-ACK) or carried payload ends after
 *                              this long without a packet ({@code idle_timeout})
 * @param tcpNewTimeoutNanos    an open TCP connection that has neither ends after this long without a packet
 * @param udpIdleTimeoutNanos   a UDP flow with no packet for this long ends ({@code idle_timeout})
 * @param closedLingerNanos     a closed TCP connection (both FINs, or a RST) ends after this long without packets;
 *                              trailing ACKs and retransmissions until then still count in it
 * @param maxFlows              flows held at once; when full the least recently active one ends ({@code evicted})
 * @param tcpLimits             per-direction reassembly bounds (out-of-order bytes and segments, history)
 */
public record FlowConfig(IpAddress deviceIp, long tcpIdleTimeoutNanos, long tcpNewTimeoutNanos,
                         long udpIdleTimeoutNanos, long closedLingerNanos, int maxFlows, TcpLimits tcpLimits) {

    /**
     * A day for a TCP connection that was answered (a SYN-ACK) or carried payload, not Zeek's 5 minutes
     * ({@code tcp_inactivity_timeout}): such a connection is one conversation however long it pauses (Wireshark
     * never ends a stream by time; Linux's connection tracking keeps an established connection for 5 days), and a
     * message split across a pause must be reassembled whole, or an identifier in it is missed. A day still ends,
     * within a day of capture time, the connections whose close was never captured; closed ones end
     * {@link #DEFAULT_CLOSED_LINGER_NANOS} after their close, and {@link #DEFAULT_MAX_FLOWS} bounds how many are open
     * at once.
     */
    public static final long DEFAULT_TCP_IDLE_TIMEOUT_NANOS = TimeUnit.DAYS.toNanos(1);
    /**
     * 5 minutes: Zeek's {@code tcp_inactivity_timeout}, for a TCP flow with neither a SYN-ACK nor payload (an
     * unanswered SYN, the bare ACKs of a connection seen after its close): it holds nothing a pause could split.
     */
    public static final long DEFAULT_TCP_NEW_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(5);
    /** 1 minute: Zeek's {@code udp_inactivity_timeout}; DNS and QUIC exchanges are over well within it. */
    public static final long DEFAULT_UDP_IDLE_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** 4 seconds: Zeek's {@code tcp_connection_linger}; long enough for the last ACK and a few retransmissions. */
    public static final long DEFAULT_CLOSED_LINGER_NANOS = TimeUnit.SECONDS.toNanos(4);
    /**
     * 1,000,000: a phone holds at most a few thousand flows at once, so only a scan or a flood reaches this; it
     * bounds the table (a few hundred bytes per flow without buffered data) at a few hundred MB.
     */
    public static final int DEFAULT_MAX_FLOWS = 1_000_000;

    /** Checks that every bound is positive. */
    public FlowConfig {
        if (tcpIdleTimeoutNanos <= 0 || tcpNewTimeoutNanos <= 0 || udpIdleTimeoutNanos <= 0
                || closedLingerNanos < 0 || maxFlows < 1 || tcpLimits == null) {
            throw new IllegalArgumentException("bad flow config");
        }
    }

    /** The defaults above, with the device side inferred per flow. */
    public static FlowConfig defaults() {
        return new FlowConfig(null, DEFAULT_TCP_IDLE_TIMEOUT_NANOS, DEFAULT_TCP_NEW_TIMEOUT_NANOS,
                DEFAULT_UDP_IDLE_TIMEOUT_NANOS, DEFAULT_CLOSED_LINGER_NANOS,
                maxFlowsFor(Runtime.getRuntime().maxMemory()), TcpLimits.DEFAULT);
    }

    /**
     * Heap a concurrent flow may cost across the stages that keep per-flow state (flow table entry and its
     * reassemblers, the protocol stage's dissector and parser, map entries, addresses), budgeted at 3 KB: a UDP flow
     * takes about 1 KB, but an HTTP connection that sent part of a request head (450 bytes) about 2.8 KB
     * (200,000 such connections ran a 256 MB heap out of memory at the 1.5 KB budgeted before).
     */
    public static final long BYTES_PER_FLOW = 3072;

    /**
     * The flow limit a heap of {@code maxHeapBytes} affords: half the heap for concurrent flows, at most
     * {@link #DEFAULT_MAX_FLOWS}. A flood of new flows (a scan, a DNS storm) then evicts the least recently active
     * ones, counted as {@code flow_evicted}, instead of running out of memory.
     */
    public static int maxFlowsFor(long maxHeapBytes) {
        long affordable = maxHeapBytes / 2 / BYTES_PER_FLOW;
        return (int) Math.max(1_000, Math.min(DEFAULT_MAX_FLOWS, affordable));
    }

    /** This config with the device's address fixed. */
    public FlowConfig withDeviceIp(IpAddress ip) {
        return new FlowConfig(ip, tcpIdleTimeoutNanos, tcpNewTimeoutNanos, udpIdleTimeoutNanos, closedLingerNanos,
                maxFlows, tcpLimits);
    }

    /** This config with another flow limit. */
    public FlowConfig withMaxFlows(int max) {
        return new FlowConfig(deviceIp, tcpIdleTimeoutNanos, tcpNewTimeoutNanos, udpIdleTimeoutNanos,
                closedLingerNanos, max, tcpLimits);
    }

    /** This config with other reassembly bounds. */
    public FlowConfig withTcpLimits(TcpLimits limits) {
        return new FlowConfig(deviceIp, tcpIdleTimeoutNanos, tcpNewTimeoutNanos, udpIdleTimeoutNanos,
                closedLingerNanos, maxFlows, limits);
    }
}
