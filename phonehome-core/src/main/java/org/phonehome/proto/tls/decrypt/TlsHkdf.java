package org.phonehome.proto.tls.decrypt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.phonehome.proto.quic.Hkdf;

/**
 * TLS 1.3's HKDF-Expand-Label (RFC 8446 section 7.1) for both hashes of the TLS 1.3 suites: SHA-256 goes through
 * the project's {@link Hkdf}; SHA-384 (TLS_AES_256_GCM_SHA384) uses the same construction on HMAC-SHA384.
 */
public final class TlsHkdf {
    /** HMAC names by TLS hash. */
    public static final String SHA256 = "HmacSHA256";
    public static final String SHA384 = "HmacSHA384";

    private TlsHkdf() {
    }

    /** HKDF-Expand-Label(secret, label, context, length) with the "tls13 " prefix, on {@code hmac}. */
    public static byte[] expandLabel(String hmac, byte[] secret, String label, byte[] context, int length) {
        if (SHA256.equals(hmac)) {
            return Hkdf.expandLabel(secret, label, context, length);
        }
        return expand(hmac, secret, info(label, context, length), length);
    }

    /** The HkdfLabel structure of RFC 8446 section 7.1. */
    static byte[] info(String label, byte[] context, int length) {
        byte[] fullLabel = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(length >> 8);
        info.write(length);
        info.write(fullLabel.length);
        info.writeBytes(fullLabel);
        info.write(context.length);
        info.writeBytes(context);
        return info.toByteArray();
    }

    /** HKDF-Expand (RFC 5869 section 2.3) on any HMAC; {@code length} at most 255 hash lengths. */
    static byte[] expand(String hmac, byte[] prk, byte[] info, int length) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(prk, hmac));
            if (length < 0 || length > 255 * mac.getMacLength()) {
                throw new IllegalArgumentException("HKDF-Expand length out of range: " + length);
            }
            byte[] out = new byte[length];
            byte[] t = new byte[0];
            int filled = 0;
            for (int i = 1; filled < length; i++) {
                mac.update(t);
                mac.update(info);
                mac.update((byte) i);
                t = mac.doFinal();
                int n = Math.min(t.length, length - filled);
                System.arraycopy(t, 0, out, filled, n);
                filled += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + hmac, e);
        }
    }
}
