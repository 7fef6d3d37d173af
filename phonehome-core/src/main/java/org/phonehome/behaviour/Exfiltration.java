package org.phonehome.behaviour;

/**
 * A sustained upload of high-entropy data (compressed audio, photos, an encrypted archive) found by
 * {@link ExfiltrationDetector}.
 *
 * @param host              the destination
 * @param startNanos        capture time of the flow's first packet
 * @param endNanos          capture time of its last packet
 * @param payloadOut        payload bytes sent
 * @param payloadIn         payload bytes received
 * @param ratio             payloadOut / max(1, payloadIn)
 * @param entropyBitsPerByte Shannon entropy of the sampled outbound bytes
 * @param sampledBytes      bytes the entropy was computed over
 * @param basis             {@code payload} (content seen in clear or decrypted) or {@code ciphertext} (encrypted
 *                          without keys: the entropy says nothing about the content, only volume and ratio do)
 */
public record Exfiltration(String host, long startNanos, long endNanos, long payloadOut, long payloadIn, double ratio,
                           double entropyBitsPerByte, long sampledBytes, String basis) {
}
