package org.phonehome.flow;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.phonehome.capture.AppAttribution;

/**
 * The mutable state of one live flow in the {@link FlowTable}. Kept small (about 100 bytes plus its reassemblers)
 * because a table may hold a million; reassemblers and the anomaly map are created only when needed.
 */
final class Flow {
    final FlowInfo info;
    /** The flow's key's hash, kept by {@link FlowMap} to find the flow again without reading its key. */
    int mapHash;
    /** The flow's {@link FlowAssignment#hash}, kept only in a parallel audit ({@link AssignmentReleases}). */
    long assignmentHash;
    /** First app attribution seen on any packet. */
    AppAttribution app;
    long packetsOut;
    long bytesOut;
    /** Payload bytes device to server, retransmissions included; for UDP also the next datagram's stream offset. */
    long payloadOut;
    long packetsIn;
    long bytesIn;
    long payloadIn;
    /** The table clock at the flow's last packet. */
    long lastNanos;
    TcpReassembler out;
    TcpReassembler in;
    /** A TCP connection that was answered (a SYN-ACK) or carried payload: it waits the longer idle timeout. */
    boolean established;
    /** Why the TCP connection closed ({@code fin} or {@code rst}); null while open. */
    String closeReason;
    private TreeMap<String, Long> anomalies;
    /** Links of the idle list the flow is on (least recently active first). */
    Flow prev;
    Flow next;
    IdleList list;

    Flow(FlowInfo info) {
        this.info = info;
        this.app = info.app();
    }

    void count(String anomaly, long n) {
        if (anomalies == null) {
            anomalies = new TreeMap<>();
        }
        anomalies.merge(anomaly, n, Long::sum);
    }

    Map<String, Long> anomalies() {
        return anomalies == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(anomalies));
    }

    FlowSummary summary(String endReason) {
        return new FlowSummary(info, app, packetsOut, bytesOut, packetsIn, bytesIn, payloadOut, payloadIn, lastNanos,
                endReason, anomalies());
    }
}
