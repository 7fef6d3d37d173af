package org.phonehome.flow;

import java.util.Map;
import org.phonehome.capture.AppAttribution;

/**
 * Everything the flow stage knows about a finished flow.
 *
 * @param info          identity (endpoints, device side, first frame)
 * @param app           the app attributed to the flow (the first attribution seen on any of its packets), or null
 * @param packetsOut    frames device to server (IP fragments each count)
 * @param bytesOut      on-the-wire bytes device to server ({@code frame.len} summed)
 * @param packetsIn     frames server to device
 * @param bytesIn       on-the-wire bytes server to device
 * @param payloadOut    transport payload bytes device to server, retransmissions included
 * @param payloadIn     transport payload bytes server to device, retransmissions included
 * @param endNanos      capture time of its last packet
 * @param endReason     {@code fin}, {@code rst}, {@code idle_timeout}, {@code port_reuse}, {@code evicted} or
 *                      {@code capture_end}
 * @param anomalies     named TCP/flow anomalies counted on this flow ({@code tcp_gap}, {@code tcp_gap_bytes},
 *                      {@code tcp_retransmission}, {@code tcp_overlap_inconsistent}, {@code tcp_mid_stream_start},
 *                      {@code tcp_out_of_order}, {@code tcp_ooo_buffer_full}, ...); empty when none
 */
public record FlowSummary(FlowInfo info, AppAttribution app, long packetsOut, long bytesOut, long packetsIn,
                          long bytesIn, long payloadOut, long payloadIn, long endNanos, String endReason,
                          Map<String, Long> anomalies) {
}
