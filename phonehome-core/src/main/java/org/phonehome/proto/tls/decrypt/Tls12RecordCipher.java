package org.phonehome.proto.tls.decrypt;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * TLS 1.0-1.2 record protection of one direction:
 * <ul>
 *   <li>AES-GCM (RFC 5288): nonce = 4-byte salt from the key block + the record's explicit 8 bytes;</li>
 *   <li>ChaCha20-Poly1305 (RFC 7905): nonce = 12-byte IV XOR sequence number;</li>
 *   <li>AES-CBC + HMAC (RFC 5246 section 6.2.3.2): explicit IV per record from TLS 1.1 (in TLS 1.0 the IV is the
 *       previous record's last ciphertext block), MAC-then-encrypt with a padding check, or encrypt-then-MAC when
 *       the extension of RFC 7366 was negotiated.</li>
 * </ul>
 * AEAD additional data and the MAC input both start with seq_num(8) + type(1) + version(2) + length(2).
 */
public final class Tls12RecordCipher implements RecordOpener {
    private static final int GCM_EXPLICIT_NONCE = 8;
    private static final int PSEUDO_HEADER = 13;

    private final CipherSuite suite;
    private final boolean encryptThenMac;
    private final boolean explicitIv;
    private final Aead aead;
    private final byte[] iv;
    private final SecretKeySpec cbcKey;
    private final SecretKeySpec macKey;
    private final Cipher cbc;
    private final Mac mac;
    /** TLS 1.0 CBC: the IV of the next record, the last ciphertext block of the previous one. */
    private byte[] chainedIv;

    /**
     * The protection of one direction.
     *
     * @param suite          a TLS 1.2 suite of {@link CipherSuite}
     * @param keys           the session's key block
     * @param client         true for the client's writes, false for the server's
     * @param version        the negotiated version (0x0301..0x0303): from TLS 1.1 CBC records carry their IV
     * @param encryptThenMac true when the ServerHello echoed encrypt_then_mac (extension 22); CBC suites only
     */
    public Tls12RecordCipher(CipherSuite suite, Tls12KeyBlock keys, boolean client, int version,
                             boolean encryptThenMac) {
        if (suite.tls13()) {
            throw new IllegalArgumentException("a TLS 1.3 suite: " + suite.name());
        }
        this.suite = suite;
        this.explicitIv = version >= Tls12KeyBlock.VERSION_TLS11;
        this.encryptThenMac = encryptThenMac && suite.cipher() == CipherSuite.Cipher.AES_CBC;
        byte[] key = client ? keys.clientKey() : keys.serverKey();
        this.iv = client ? keys.clientIv() : keys.serverIv();
        this.chainedIv = iv;
        if (suite.cipher() == CipherSuite.Cipher.AES_CBC) {
            this.aead = null;
            this.cbcKey = new SecretKeySpec(key, "AES");
            this.macKey = new SecretKeySpec(client ? keys.clientMacKey() : keys.serverMacKey(), suite.macAlgorithm());
            try {
                this.cbc = Cipher.getInstance("AES/CBC/NoPadding");
                this.mac = Mac.getInstance(suite.macAlgorithm());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every JDK has AES-CBC and " + suite.macAlgorithm(), e);
            }
        } else {
            this.aead = new Aead(suite.cipher(), key);
            this.cbcKey = null;
            this.macKey = null;
            this.cbc = null;
            this.mac = null;
        }
    }

    @Override
    public Opened open(int contentType, int version, byte[] body, long seq) {
        byte[] plain = switch (suite.cipher()) {
            case AES_GCM -> openGcm(contentType, version, body, seq);
            case CHACHA20_POLY1305 -> openChaCha(contentType, version, body, seq);
            case AES_CBC -> encryptThenMac ? openEtm(contentType, version, body, seq)
                    : openMte(contentType, version, body, seq);
        };
        return plain == null ? null : new Opened(contentType, plain);
    }

    private byte[] openGcm(int type, int version, byte[] body, long seq) {
        int ctLen = body.length - GCM_EXPLICIT_NONCE - CipherSuite.TAG_LENGTH;
        if (ctLen < 0) {
            return null;
        }
        byte[] nonce = new byte[iv.length + GCM_EXPLICIT_NONCE];
        System.arraycopy(iv, 0, nonce, 0, iv.length);
        System.arraycopy(body, 0, nonce, iv.length, GCM_EXPLICIT_NONCE);
        return aead.open(nonce, pseudoHeader(seq, type, version, ctLen), body, GCM_EXPLICIT_NONCE,
                body.length - GCM_EXPLICIT_NONCE);
    }

    private byte[] openChaCha(int type, int version, byte[] body, long seq) {
        int ctLen = body.length - CipherSuite.TAG_LENGTH;
        if (ctLen < 0) {
            return null;
        }
        return aead.open(Aead.xorNonce(iv, seq), pseudoHeader(seq, type, version, ctLen), body, 0, body.length);
    }

    /** MAC-then-encrypt: decrypt, check the padding, then the MAC over the content. */
    private byte[] openMte(int type, int version, byte[] body, long seq) {
        byte[] plain = decryptCbc(body, 0, body.length);
        if (plain == null) {
            return null;
        }
        int pad = plain[plain.length - 1] & 0xff;
        int contentLen = plain.length - 1 - pad - suite.macLength();
        if (contentLen < 0 || !paddingValid(plain, pad)) {
            return null;
        }
        byte[] expected = mac(seq, type, version, plain, 0, contentLen);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(plain, contentLen, contentLen + suite.macLength()))) {
            return null;
        }
        return Arrays.copyOf(plain, contentLen);
    }

    /** Encrypt-then-MAC (RFC 7366): the MAC covers IV + ciphertext; check it, then decrypt and unpad. */
    private byte[] openEtm(int type, int version, byte[] body, long seq) {
        int macLen = suite.macLength();
        int cipherLen = body.length - macLen;
        if (cipherLen <= 0) {
            return null;
        }
        byte[] expected = mac(seq, type, version, body, 0, cipherLen);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(body, cipherLen, body.length))) {
            return null;
        }
        byte[] plain = decryptCbc(body, 0, cipherLen);
        if (plain == null) {
            return null;
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (plain.length - 1 - pad < 0 || !paddingValid(plain, pad)) {
            return null;
        }
        return Arrays.copyOf(plain, plain.length - 1 - pad);
    }

    /** CBC-decrypts {@code len} bytes (with the explicit IV first from TLS 1.1); null when not whole blocks. */
    private byte[] decryptCbc(byte[] body, int off, int len) {
        int ivLen = explicitIv ? CipherSuite.AES_BLOCK : 0;
        int ctLen = len - ivLen;
        if (ctLen <= 0 || ctLen % CipherSuite.AES_BLOCK != 0) {
            return null;
        }
        byte[] recordIv = explicitIv ? Arrays.copyOfRange(body, off, off + ivLen) : chainedIv;
        try {
            cbc.init(Cipher.DECRYPT_MODE, cbcKey, new IvParameterSpec(recordIv));
            byte[] plain = cbc.doFinal(body, off + ivLen, ctLen);
            if (!explicitIv) {
                chainedIv = Arrays.copyOfRange(body, off + len - CipherSuite.AES_BLOCK, off + len);
            }
            return plain;
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** Every padding byte, and the length byte, equals {@code pad} (RFC 5246 section 6.2.3.2). */
    private static boolean paddingValid(byte[] plain, int pad) {
        for (int i = plain.length - 1 - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                return false;
            }
        }
        return true;
    }

    private byte[] mac(long seq, int type, int version, byte[] data, int off, int len) {
        try {
            mac.init(macKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        mac.update(pseudoHeader(seq, type, version, len));
        mac.update(data, off, len);
        return mac.doFinal();
    }

    /** seq_num(8) + type(1) + version(2) + length(2). */
    private static byte[] pseudoHeader(long seq, int type, int version, int length) {
        byte[] h = new byte[PSEUDO_HEADER];
        for (int i = 0; i < 8; i++) {
            h[i] = (byte) (seq >>> (56 - 8 * i));
        }
        h[8] = (byte) type;
        h[9] = (byte) (version >> 8);
        h[10] = (byte) version;
        h[11] = (byte) (length >> 8);
        h[12] = (byte) length;
        return h;
    }
}
