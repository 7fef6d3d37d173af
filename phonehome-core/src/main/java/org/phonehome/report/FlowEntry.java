package org.phonehome.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One flow (conversation) in the report, as Zeek's conn.log would list it.
 *
 * @param id           flow number in order of first packet (0-based)
 * @param transport    {@code tcp} or {@code udp}
 * @param deviceIp     the device's address
 * @param devicePort   the device's port
 * @param serverIp     the other end's address
 * @param serverPort   the other end's port
 * @param deviceSideBy how the device side was chosen ({@code syn}, {@code private_address}, ...)
 * @param protocol     the application protocol ({@code http}, {@code tls}, {@code dns}, {@code quic}, {@code raw}, ...)
 * @param recognizedBy {@code content} or {@code port}: what decided the protocol; {@code none} when neither did
 * @param host         the destination's name, or null when none is known
 * @param nameSource   where the name came from: {@code sni}, {@code http_host}, {@code dns}, {@code certificate}
 * @param app          the app the capture attributes it to, or null
 * @param packetsOut   packets device to server
 * @param bytesOut     on-the-wire bytes device to server
 * @param packetsIn    packets server to device
 * @param bytesIn      on-the-wire bytes server to device
 * @param payloadOut   transport payload bytes device to server
 * @param payloadIn    transport payload bytes server to device
 * @param firstFrame   frame number of its first packet
 * @param start        time of its first packet (ISO-8601 UTC)
 * @param end          time of its last packet
 * @param endReason    {@code fin}, {@code rst}, {@code idle_timeout}, {@code port_reuse}, {@code evicted} or
 *                     {@code capture_end}
 * @param anomalies    named anomalies counted on the flow
 */
@JsonPropertyOrder({"id", "transport", "device_ip", "device_port", "server_ip", "server_port", "device_side_by",
    "protocol", "recognized_by", "host", "name_source",
    "app", "packets_out", "bytes_out", "packets_in", "bytes_in", "payload_out", "payload_in", "first_frame",
    "start", "end", "end_reason", "anomalies"})
public record FlowEntry(long id, String transport, String deviceIp, int devicePort, String serverIp, int serverPort,
                        String deviceSideBy, String protocol, String recognizedBy, String host, String nameSource,
                        String app, long packetsOut, long bytesOut, long packetsIn,
                        long bytesIn, long payloadOut, long payloadIn, long firstFrame, String start, String end,
                        String endReason, Map<String, Long> anomalies) {
}
