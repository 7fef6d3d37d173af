package org.phonehome.proto.tls.decrypt;

/**
 * TLS 1.3 record protection under one traffic secret (RFC 8446 sections 5.2, 5.3, 7.3): key and IV from
 * HKDF-Expand-Label, per-record nonce = IV XOR sequence number, additional data = the 5-byte record header, inner
 * plaintext = content, real type, zero padding.
 */
public final class Tls13RecordCipher implements RecordOpener {
    private static final int RECORD_HEADER_LENGTH = 5;

    private final CipherSuite suite;
    private final byte[] secret;
    private final byte[] key;
    private final byte[] iv;
    private final Aead aead;

    /** The protection derived from {@code trafficSecret} (a *_TRAFFIC_SECRET of the key log) for a TLS 1.3 suite. */
    public Tls13RecordCipher(CipherSuite suite, byte[] trafficSecret) {
        if (!suite.tls13()) {
            throw new IllegalArgumentException("not a TLS 1.3 suite: " + suite.name());
        }
        this.suite = suite;
        this.secret = trafficSecret.clone();
        this.key = TlsHkdf.expandLabel(suite.prfHmac(), secret, "key", new byte[0], suite.keyLength());
        this.iv = TlsHkdf.expandLabel(suite.prfHmac(), secret, "iv", new byte[0], suite.fixedIvLength());
        this.aead = new Aead(suite.cipher(), key);
    }

    /** The write key ({@code [sender]_write_key}). */
    public byte[] key() {
        return key.clone();
    }

    /** The write IV ({@code [sender]_write_iv}). */
    public byte[] iv() {
        return iv.clone();
    }

    /** The protection after a KeyUpdate: secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length). */
    public Tls13RecordCipher next() {
        return new Tls13RecordCipher(suite, nextSecret(suite, secret));
    }

    /** The next application traffic secret (RFC 8446 section 7.2). */
    public static byte[] nextSecret(CipherSuite suite, byte[] secret) {
        return TlsHkdf.expandLabel(suite.prfHmac(), secret, "traffic upd", new byte[0], suite.hashLength());
    }

    @Override
    public Opened open(int contentType, int version, byte[] body, long seq) {
        byte[] header = {(byte) contentType, (byte) (version >> 8), (byte) version, (byte) (body.length >> 8),
                (byte) body.length};
        assert header.length == RECORD_HEADER_LENGTH;
        byte[] inner = aead.open(Aead.xorNonce(iv, seq), header, body, 0, body.length);
        if (inner == null) {
            return null;
        }
        int end = inner.length;
        while (end > 0 && inner[end - 1] == 0) {
            end--; // zero padding (RFC 8446 section 5.4)
        }
        if (end == 0) {
            return null; // all zeros: no content type, an unexpected_message for a real peer
        }
        byte[] content = new byte[end - 1];
        System.arraycopy(inner, 0, content, 0, end - 1);
        return new Opened(inner[end - 1] & 0xff, content);
    }
}
