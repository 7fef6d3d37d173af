package org.phonehome.proto.tls.decrypt;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sending side of record protection, written independently from the decryptor with javax.crypto, so that
 * tests can build records (whole records: 5-byte header + body). Public for the fuzz target that seals what the
 * fuzzer writes ({@code org.phonehome.fuzz.TlsDecryptFuzzTest}).
 */
public final class TestSeal {
    private TestSeal() {
    }

    /** A TLS 1.3 record: inner plaintext = content + type, sealed under the traffic secret's key at {@code seq}. */
    public static byte[] seal13(CipherSuite suite, byte[] secret, long seq, int innerType, byte[] content) {
        byte[] key = TlsHkdf.expandLabel(suite.prfHmac(), secret, "key", new byte[0], suite.keyLength());
        byte[] iv = TlsHkdf.expandLabel(suite.prfHmac(), secret, "iv", new byte[0], 12);
        byte[] inner = Arrays.copyOf(content, content.length + 1);
        inner[content.length] = (byte) innerType;
        int len = inner.length + 16;
        byte[] header = {23, 3, 3, (byte) (len >> 8), (byte) len};
        return concat(header, aead(suite.cipher(), key, xor(iv, seq), header, inner));
    }

    /** A TLS 1.2 record of {@code suite} from the client ({@code client}) or server, at {@code seq}. */
    public static byte[] seal12(CipherSuite suite, Tls12KeyBlock kb, boolean client, int version, boolean etm, long seq,
                         int type, byte[] content) {
        byte[] key = client ? kb.clientKey() : kb.serverKey();
        byte[] iv = client ? kb.clientIv() : kb.serverIv();
        byte[] body;
        switch (suite.cipher()) {
            case AES_GCM -> {
                byte[] explicit = new byte[8];
                for (int i = 0; i < 8; i++) {
                    explicit[i] = (byte) (seq >>> (56 - 8 * i)); // a counter, as OpenSSL does
                }
                byte[] nonce = concat(iv, explicit);
                body = concat(explicit, aead(suite.cipher(), key, nonce, aad(seq, type, version, content.length),
                        content));
            }
            case CHACHA20_POLY1305 -> body = aead(suite.cipher(), key, xor(iv, seq),
                    aad(seq, type, version, content.length), content);
            default -> {
                byte[] macKey = client ? kb.clientMacKey() : kb.serverMacKey();
                byte[] recordIv = new byte[16];
                Arrays.fill(recordIv, (byte) seq);
                if (!etm) {
                    byte[] mac = mac(suite, macKey, aad(seq, type, version, content.length), content);
                    body = concat(recordIv, cbc(key, recordIv, pad(concat(content, mac))));
                } else {
                    byte[] ivCt = concat(recordIv, cbc(key, recordIv, pad(content)));
                    body = concat(ivCt, mac(suite, macKey, aad(seq, type, version, ivCt.length), ivCt));
                }
            }
        }
        byte[] header = {(byte) type, (byte) (version >> 8), (byte) version, (byte) (body.length >> 8),
                (byte) body.length};
        return concat(header, body);
    }

    static byte[] aad(long seq, int type, int version, int len) {
        byte[] a = new byte[13];
        for (int i = 0; i < 8; i++) {
            a[i] = (byte) (seq >>> (56 - 8 * i));
        }
        a[8] = (byte) type;
        a[9] = (byte) (version >> 8);
        a[10] = (byte) version;
        a[11] = (byte) (len >> 8);
        a[12] = (byte) len;
        return a;
    }

    private static byte[] pad(byte[] data) {
        int padLen = 15 - (data.length % 16); // padding bytes besides the length byte
        byte[] out = Arrays.copyOf(data, data.length + padLen + 1);
        Arrays.fill(out, data.length, out.length, (byte) padLen);
        return out;
    }

    private static byte[] mac(CipherSuite suite, byte[] key, byte[] header, byte[] data) {
        try {
            Mac m = Mac.getInstance(suite.macAlgorithm());
            m.init(new SecretKeySpec(key, suite.macAlgorithm()));
            m.update(header);
            return m.doFinal(data);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] cbc(byte[] key, byte[] iv, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return c.doFinal(data);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] aead(CipherSuite.Cipher kind, byte[] key, byte[] nonce, byte[] aad, byte[] plain) {
        try {
            Cipher c;
            if (kind == CipherSuite.Cipher.AES_GCM) {
                c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            } else {
                c = Cipher.getInstance("ChaCha20-Poly1305");
                c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            }
            c.updateAAD(aad);
            return c.doFinal(plain);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] xor(byte[] iv, long seq) {
        byte[] n = iv.clone();
        for (int i = 0; i < 8; i++) {
            n[n.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        }
        return n;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }
}
