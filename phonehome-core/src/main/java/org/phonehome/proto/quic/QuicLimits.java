package org.phonehome.proto.quic;

/** Every bound the QUIC Initial parser enforces, with its reason. Hitting one is reported as an anomaly. */
public final class QuicLimits {
    /**
     * Largest CRYPTO stream of the Initial space we reassemble per direction: 64 KiB. A ClientHello is 0.3-2 KB
     * (post-quantum key shares ~1.8 KB; ECH a little more) and spans at most a few Initial packets; a ServerHello
     * is smaller still.
     */
    public static final int MAX_CRYPTO_STREAM = 64 * 1024;

    private QuicLimits() {
    }
}
