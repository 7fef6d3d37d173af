package org.phonehome.proto.tls.decrypt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TLS 1.2 PRF, P_hash of RFC 5246 section 5 (SHA-256, or SHA-384 for the *_SHA384 suites), and the TLS
 * 1.0/1.1 PRF of RFC 2246 section 5 (P_MD5 of the first half of the secret XOR P_SHA1 of the second).
 */
public final class Tls12Prf {
    private Tls12Prf() {
    }

    /** PRF(secret, label, seed) with P_{@code hmac} ({@code HmacSHA256} or {@code HmacSHA384}), {@code length} bytes. */
    public static byte[] prf(String hmac, byte[] secret, String label, byte[] seed, int length) {
        return pHash(hmac, secret, concat(label.getBytes(StandardCharsets.US_ASCII), seed), length);
    }

    /** The TLS 1.0 and 1.1 PRF: P_MD5(S1, label + seed) XOR P_SHA1(S2, label + seed). */
    public static byte[] prf10(byte[] secret, String label, byte[] seed, int length) {
        int half = (secret.length + 1) / 2;
        byte[] s1 = java.util.Arrays.copyOfRange(secret, 0, half);
        byte[] s2 = java.util.Arrays.copyOfRange(secret, secret.length - half, secret.length);
        byte[] labelSeed = concat(label.getBytes(StandardCharsets.US_ASCII), seed);
        byte[] md5 = pHash("HmacMD5", s1, labelSeed, length);
        byte[] sha1 = pHash("HmacSHA1", s2, labelSeed, length);
        for (int i = 0; i < length; i++) {
            md5[i] ^= sha1[i];
        }
        return md5;
    }

    /** P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ..., A(i) = HMAC(A(i-1)). */
    static byte[] pHash(String hmac, byte[] secret, byte[] seed, int length) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, hmac));
            byte[] out = new byte[length];
            byte[] a = seed;
            int filled = 0;
            while (filled < length) {
                a = mac.doFinal(a);
                mac.update(a);
                mac.update(seed);
                byte[] block = mac.doFinal();
                int n = Math.min(block.length, length - filled);
                System.arraycopy(block, 0, out, filled, n);
                filled += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + hmac, e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
