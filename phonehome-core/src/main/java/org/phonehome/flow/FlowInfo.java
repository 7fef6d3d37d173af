package org.phonehome.flow;

import org.phonehome.capture.AppAttribution;

/**
 * The identity of a flow, fixed when its first packet is seen.
 *
 * @param id             the frame number of the packet that opened the flow: unique in the audit, in order of
 *                       first packet, and the same however many workers read the capture
 * @param transport      {@code tcp} or {@code udp}
 * @param device         the device's end
 * @param server         the other end
 * @param deviceSideBy   how the device side was chosen: {@code device_ip}, {@code multicast}, {@code syn},
 *                       {@code private_address}, {@code ephemeral_port} or {@code first_packet}
 * @param firstFrame     frame number of its first packet
 * @param startNanos     capture time of its first packet
 * @param app            the app the capture attributes it to, or null
 */
public record FlowInfo(long id, String transport, Endpoint device, Endpoint server, String deviceSideBy,
                       long firstFrame, long startNanos, AppAttribution app) {
}
