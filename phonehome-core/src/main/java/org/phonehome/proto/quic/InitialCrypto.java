package org.phonehome.proto.quic;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;

/**
 * The JCE engines that derive Initial keys (HMAC-SHA256) and open Initial packets (AES-ECB for the header, AES-GCM
 * for the payload), made once and initialised again for each use. Looking an engine up through the providers for
 * every packet and every key was about 1 % of an audit of mostly TLS and QUIC traffic. Not thread-safe: one per
 * worker.
 */
public final class InitialCrypto {
    final Mac hmacSha256;
    final Cipher aesEcb;
    final Cipher aesGcm;

    /** Engines of the JDK's providers. */
    public InitialCrypto() {
        try {
            hmacSha256 = Mac.getInstance(Hkdf.HMAC);
            aesEcb = Cipher.getInstance("AES/ECB/NoPadding");
            aesGcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256, AES/ECB and AES/GCM", e);
        }
    }
}
