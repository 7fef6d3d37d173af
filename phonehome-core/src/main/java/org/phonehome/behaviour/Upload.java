package org.phonehome.behaviour;

/**
 * What {@link ExfiltrationDetector} needs to know about one finished flow.
 *
 * @param host        the destination (host name, else the server's IP)
 * @param startNanos  capture time of its first packet
 * @param endNanos    capture time of its last packet
 * @param payloadOut  transport payload bytes device to server ({@code FlowSummary.payloadOut})
 * @param payloadIn   transport payload bytes server to device ({@code FlowSummary.payloadIn})
 * @param sample      a sample of the outbound payload in stream order (decrypted when the keys were given), or null
 *                    when none was taken
 * @param ciphertext  true when the sample is ciphertext (TLS/QUIC without keys): its entropy is that of the cipher,
 *                    not of the content
 */
public record Upload(String host, long startNanos, long endNanos, long payloadOut, long payloadIn,
                     PayloadSample sample, boolean ciphertext) {
}
