package org.phonehome.flow;

import org.phonehome.net.IpAddress;
import org.phonehome.net.TransportPacket;

/**
 * Decides which end of a new flow is the device, from its first packet. Rules, first match wins:
 * <ol>
 *   <li>{@code device_ip}: an end has the configured device address (the sender when both have it);</li>
 *   <li>{@code multicast}: the destination is multicast or broadcast, so the sender is the device;</li>
 *   <li>{@code syn}: a SYN without ACK is sent by the device; a SYN+ACK is received by it;</li>
 *   <li>{@code private_address}: exactly one end has a private address ({@link IpAddress#isPrivate()});</li>
 *   <li>{@code ephemeral_port}: one port is below 1024 and the other not (the higher is the client's), or else
 *       exactly one port is in the dynamic range from 49152 (RFC 6335);</li>
 *   <li>{@code first_packet}: the sender of the first packet.</li>
 * </ol>
 */
final class DeviceSide {
    /** Ports below this are well-known service ports (RFC 6335). */
    static final int WELL_KNOWN_PORT_END = 1024;
    /** Ports from this on are dynamic (ephemeral) ports (RFC 6335). */
    static final int DYNAMIC_PORT_START = 49152;

    private DeviceSide() {
    }

    /** The verdict: whether the first packet's sender is the device, and the rule that decided. */
    record Verdict(boolean senderIsDevice, String by) {
    }

    static Verdict resolve(TransportPacket p, IpAddress deviceIp) {
        if (deviceIp != null) {
            if (p.src().equals(deviceIp)) {
                return new Verdict(true, "device_ip");
            }
            if (p.dst().equals(deviceIp)) {
                return new Verdict(false, "device_ip");
            }
        }
        if (p.dst().isMulticastOrBroadcast()) {
            return new Verdict(true, "multicast");
        }
        if (p.isTcp() && p.has(TransportPacket.SYN)) {
            return new Verdict(!p.has(TransportPacket.ACK), "syn");
        }
        boolean srcPrivate = p.src().isPrivate();
        if (srcPrivate != p.dst().isPrivate()) {
            return new Verdict(srcPrivate, "private_address");
        }
        int sp = p.srcPort();
        int dp = p.dstPort();
        if ((sp < WELL_KNOWN_PORT_END) != (dp < WELL_KNOWN_PORT_END)) {
            return new Verdict(sp > dp, "ephemeral_port");
        }
        if ((sp >= DYNAMIC_PORT_START) != (dp >= DYNAMIC_PORT_START)) {
            return new Verdict(sp >= DYNAMIC_PORT_START, "ephemeral_port");
        }
        return new Verdict(true, "first_packet");
    }
}
