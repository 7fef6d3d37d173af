package org.phonehome.proto.tls.decrypt;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** One AEAD key (AES-GCM or ChaCha20-Poly1305, 16-byte tag) whose JCE cipher object is reused across records. */
final class Aead {
    private static final int TAG_BITS = CipherSuite.TAG_LENGTH * 8;

    private final CipherSuite.Cipher kind;
    private final SecretKeySpec key;
    private final Cipher cipher;

    Aead(CipherSuite.Cipher kind, byte[] key) {
        this.kind = kind;
        try {
            if (kind == CipherSuite.Cipher.AES_GCM) {
                this.key = new SecretKeySpec(key, "AES");
                this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
            } else if (kind == CipherSuite.Cipher.CHACHA20_POLY1305) {
                this.key = new SecretKeySpec(key, "ChaCha20");
                this.cipher = Cipher.getInstance("ChaCha20-Poly1305");
            } else {
                throw new IllegalArgumentException("not an AEAD: " + kind);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 17 has AES-GCM and ChaCha20-Poly1305", e);
        }
    }

    /** Decrypts {@code in[off, off+len)} (ciphertext then tag); null when the tag does not verify. */
    byte[] open(byte[] nonce, byte[] aad, byte[] in, int off, int len) {
        if (len < CipherSuite.TAG_LENGTH) {
            return null;
        }
        try {
            if (kind == CipherSuite.Cipher.AES_GCM) {
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            } else {
                cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce));
            }
            cipher.updateAAD(aad);
            return cipher.doFinal(in, off, len);
        } catch (GeneralSecurityException e) {
            return null; // AEADBadTagException: wrong key, wrong sequence number or damaged record
        }
    }

    /** {@code iv} XOR the big-endian 64-bit {@code seq} left-padded to the IV's length (RFC 8446 section 5.3). */
    static byte[] xorNonce(byte[] iv, long seq) {
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        }
        return nonce;
    }
}
