package org.phonehome.proto.tls;

/** Every bound the TLS parser enforces, with its reason. Hitting one is reported as an anomaly. */
public final class TlsLimits {
    /**
     * Largest record body: 2^14 + 2048, the TLSCiphertext bound of RFC 5246 section 6.2.3 (TLS 1.3 allows only
     * 2^14 + 256, so this admits every legal record of any version).
     */
    public static final int MAX_RECORD_LENGTH = (1 << 14) + 2048;

    /**
     * Largest handshake message we reassemble: 128 KiB. Real ClientHellos are under 2 KB (post-quantum key shares
     * make them ~1.8 KB, ECH a little more; ndpi's "tls_with_huge_ch" sample is far below this) and certificate
     * chains rarely pass 20 KB; the protocol allows 16 MB, which we never allocate.
     */
    public static final int MAX_HANDSHAKE_MESSAGE = 128 * 1024;

    /** Longest certificate chain we decode: more than any real chain; bounds the work per message. */
    public static final int MAX_CERTIFICATES = 16;

    private TlsLimits() {
    }
}
