package org.phonehome.proto;

import org.phonehome.flow.FlowSummary;

/**
 * A finished flow with what the protocol stage learnt about it.
 *
 * @param summary      the flow stage's totals
 * @param protocol     the application protocol: {@code dns}, {@code mdns}, {@code llmnr}, {@code http}, {@code tls},
 *                     {@code quic} or {@code raw} (anything else, kept as raw streams); {@code none} without payload
 * @param recognizedBy {@code content} (the bytes said so) or {@code port} (only the port did), or {@code none}
 * @param host         the destination's name: TLS/QUIC SNI, else HTTP Host, else a DNS answer seen before the flow,
 *                     else a certificate name; null when none is known
 * @param nameSource   where {@code host} came from: {@code sni}, {@code http_host}, {@code dns}, {@code certificate}
 *                     or null
 * @param upload       a sample of what the device sent, taken once a flow has sent a lot (else null), and whether
 *                     it is ciphertext
 * @param counts       what the protocol stage counted on this flow (TLS records decrypted, without keys, failed),
 *                     sorted by name; empty when nothing
 */
public record NamedFlow(FlowSummary summary, String protocol, String recognizedBy, String host, String nameSource,
                        org.phonehome.behaviour.Upload upload, java.util.Map<String, Long> counts) {
}
