package org.phonehome.behaviour;

import java.util.Optional;

/**
 * Flags flows that look like data being carried off: a large upload, far more up than down, of bytes that are close
 * to random. All three must hold:
 * <ul>
 *   <li>at least {@link #MIN_PAYLOAD_OUT} payload bytes sent (1 MB: a minute of compressed speech at 128 kbit/s,
 *       a photo; a heartbeat or an API call is far smaller);</li>
 *   <li>payload out / payload in above {@link #MIN_RATIO} (an upload, not a download or a conversation);</li>
 *   <li>the sampled outbound bytes' entropy above {@link #MIN_ENTROPY_BITS} bits per byte, computed over at least
 *       {@link #MIN_SAMPLED_BYTES} (text, JSON and forms stay well under 6; compressed and encrypted data is above
 *       7.9).</li>
 * </ul>
 * Encrypted flows without keys always look random; they are still flagged on volume and ratio, with basis
 * {@code ciphertext} so the report can say the content is unknown.
 */
public final class ExfiltrationDetector {
    /** 1 MB of payload sent in one flow. */
    public static final long MIN_PAYLOAD_OUT = 1_000_000;
    /** Outbound at least ten times inbound. */
    public static final double MIN_RATIO = 10;
    /** Bits per byte above which data is compressed or encrypted (uniform random bytes give 8). */
    public static final double MIN_ENTROPY_BITS = 7.5;
    /**
     * Fewest sampled bytes to trust the entropy: the plug-in estimate is low by about 255 / (2 n ln 2) bits, 0.01 bit
     * at 16 KiB, so a random upload sampled this much still clears {@link #MIN_ENTROPY_BITS}.
     */
    public static final long MIN_SAMPLED_BYTES = 16 * 1024;

    private ExfiltrationDetector() {
    }

    /** The flow as an exfiltration, or empty when it is not one (or its sample is too small to tell). */
    public static Optional<Exfiltration> check(Upload u) {
        if (u.payloadOut() < MIN_PAYLOAD_OUT) {
            return Optional.empty();
        }
        double ratio = (double) u.payloadOut() / Math.max(1, u.payloadIn());
        if (ratio <= MIN_RATIO) {
            return Optional.empty();
        }
        PayloadSample s = u.sample();
        if (s == null || s.sampledBytes() < MIN_SAMPLED_BYTES) {
            return Optional.empty();
        }
        double entropy = s.entropyBitsPerByte();
        if (entropy <= MIN_ENTROPY_BITS) {
            return Optional.empty();
        }
        return Optional.of(new Exfiltration(u.host(), u.startNanos(), u.endNanos(), u.payloadOut(), u.payloadIn(),
                ratio, entropy, s.sampledBytes(), u.ciphertext() ? "ciphertext" : "payload"));
    }
}
