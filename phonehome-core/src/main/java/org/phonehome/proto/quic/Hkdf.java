package org.phonehome.proto.quic;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA256 (RFC 5869) and TLS 1.3's HKDF-Expand-Label (RFC 8446 section 7.1). */
public final class Hkdf {
    static final String HMAC = "HmacSHA256";
    private static final int HASH_LENGTH = 32;
    /** RFC 5869: Expand yields at most 255 blocks. */
    private static final int MAX_EXPAND = 255 * HASH_LENGTH;

    private Hkdf() {
    }

    /** HKDF-Extract(salt, ikm); an empty salt means HashLen zero bytes (RFC 5869 section 2.2). */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        return extract(newMac(), salt, ikm);
    }

    /** {@link #extract(byte[], byte[])} with {@code mac}, an HmacSHA256 engine, initialised here. */
    static byte[] extract(Mac mac, byte[] salt, byte[] ikm) {
        return hmac(mac, salt.length == 0 ? new byte[HASH_LENGTH] : salt, ikm);
    }

    /** HKDF-Expand(prk, info, length), length at most 255 * 32. */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        return expand(newMac(), prk, info, length);
    }

    private static byte[] expand(Mac mac, byte[] prk, byte[] info, int length) {
        if (length < 0 || length > MAX_EXPAND) {
            throw new IllegalArgumentException("HKDF-Expand length out of range: " + length);
        }
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int filled = 0;
        for (int i = 1; filled < length; i++) {
            byte[] input = new byte[t.length + info.length + 1];
            System.arraycopy(t, 0, input, 0, t.length);
            System.arraycopy(info, 0, input, t.length, info.length);
            input[input.length - 1] = (byte) i;
            t = hmac(mac, prk, input);
            int n = Math.min(t.length, length - filled);
            System.arraycopy(t, 0, out, filled, n);
            filled += n;
        }
        return out;
    }

    /** HKDF-Expand-Label(secret, label, context, length) with the "tls13 " prefix. */
    public static byte[] expandLabel(byte[] secret, String label, byte[] context, int length) {
        return expandLabel(newMac(), secret, label, context, length);
    }

    /** {@link #expandLabel(byte[], String, byte[], int)} with {@code mac}, an HmacSHA256 engine, initialised here. */
    static byte[] expandLabel(Mac mac, byte[] secret, String label, byte[] context, int length) {
        byte[] fullLabel = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(length >> 8);
        info.write(length);
        info.write(fullLabel.length);
        info.writeBytes(fullLabel);
        info.write(context.length);
        info.writeBytes(context);
        return expand(mac, secret, info.toByteArray(), length);
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(HMAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + HMAC, e);
        }
    }

    private static byte[] hmac(Mac mac, byte[] key, byte[] data) {
        try {
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an HMAC key of any length is valid", e);
        }
    }
}
