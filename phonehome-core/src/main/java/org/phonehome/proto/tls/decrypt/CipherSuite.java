package org.phonehome.proto.tls.decrypt;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A cipher suite we can decrypt: what its record protection needs.
 *
 * @param id           the IANA code point
 * @param name         the IANA name
 * @param tls13        true for the TLS 1.3 suites (0x13xx), whose keys come from traffic secrets
 * @param cipher       the bulk cipher and its mode
 * @param keyLength    the encryption key length in bytes
 * @param fixedIvLength the implicit IV bytes from the key schedule (4 for TLS 1.2 GCM, 12 for ChaCha20 and TLS 1.3;
 *                      for CBC the TLS 1.0 IV, 16)
 * @param macAlgorithm the record MAC of CBC suites ({@code HmacSHA1}, ...); null for AEAD suites
 * @param macLength    the record MAC length in bytes; 0 for AEAD suites
 * @param prfHmac      the PRF / HKDF hash as an HMAC name ({@link TlsHkdf#SHA256} or {@link TlsHkdf#SHA384})
 */
public record CipherSuite(int id, String name, boolean tls13, Cipher cipher, int keyLength, int fixedIvLength,
                          String macAlgorithm, int macLength, String prfHmac) {

    /** Bulk ciphers and modes. */
    public enum Cipher {
        /** AES in GCM (RFC 5288 for TLS 1.2, RFC 8446 for TLS 1.3). */
        AES_GCM,
        /** ChaCha20-Poly1305 (RFC 7905 for TLS 1.2, RFC 8446 for TLS 1.3). */
        CHACHA20_POLY1305,
        /** AES in CBC with an HMAC, MAC-then-encrypt or encrypt-then-MAC (RFC 5246, RFC 7366). */
        AES_CBC
    }

    /** AEAD authentication tag length of every supported AEAD. */
    public static final int TAG_LENGTH = 16;
    /** The AES block size, also the explicit CBC IV of TLS 1.1 and later. */
    public static final int AES_BLOCK = 16;

    private static final String SHA256 = TlsHkdf.SHA256;
    private static final String SHA384 = TlsHkdf.SHA384;

    private static final Map<Integer, CipherSuite> SUPPORTED = Stream.of(
            // TLS 1.3 (RFC 8446 appendix B.4)
            aead(0x1301, "TLS_AES_128_GCM_SHA256", true, Cipher.AES_GCM, 16, 12, SHA256),
            aead(0x1302, "TLS_AES_256_GCM_SHA384", true, Cipher.AES_GCM, 32, 12, SHA384),
            aead(0x1303, "TLS_CHACHA20_POLY1305_SHA256", true, Cipher.CHACHA20_POLY1305, 32, 12, SHA256),
            // TLS 1.2 AES-GCM (RFC 5288, RFC 5289)
            aead(0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", false, Cipher.AES_GCM, 16, 4, SHA256),
            aead(0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", false, Cipher.AES_GCM, 32, 4, SHA384),
            aead(0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", false, Cipher.AES_GCM, 16, 4, SHA256),
            aead(0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", false, Cipher.AES_GCM, 32, 4, SHA384),
            aead(0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256", false, Cipher.AES_GCM, 16, 4, SHA256),
            aead(0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384", false, Cipher.AES_GCM, 32, 4, SHA384),
            // TLS 1.2 ChaCha20-Poly1305 (RFC 7905)
            aead(0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", false, Cipher.CHACHA20_POLY1305, 32, 12,
                    SHA256),
            aead(0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", false, Cipher.CHACHA20_POLY1305, 32, 12,
                    SHA256),
            // CBC with HMAC-SHA1 (RFC 4492, RFC 5246); PRF SHA-256 in TLS 1.2
            cbc(0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 16, "HmacSHA1", 20, SHA256),
            cbc(0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", 32, "HmacSHA1", 20, SHA256),
            cbc(0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 16, "HmacSHA1", 20, SHA256),
            cbc(0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", 32, "HmacSHA1", 20, SHA256),
            cbc(0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA", 16, "HmacSHA1", 20, SHA256),
            cbc(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", 32, "HmacSHA1", 20, SHA256),
            // CBC with HMAC-SHA256/384 (RFC 5246, RFC 5289)
            cbc(0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256", 16, "HmacSHA256", 32, SHA256),
            cbc(0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256", 32, "HmacSHA256", 32, SHA256),
            cbc(0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", 16, "HmacSHA256", 32, SHA256),
            cbc(0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", 32, "HmacSHA384", 48, SHA384),
            cbc(0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", 16, "HmacSHA256", 32, SHA256),
            cbc(0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", 32, "HmacSHA384", 48, SHA384))
            .collect(Collectors.toUnmodifiableMap(CipherSuite::id, Function.identity()));

    /** The suite with this code point, or null when we cannot decrypt it. */
    public static CipherSuite of(int id) {
        return SUPPORTED.get(id);
    }

    /** Every supported suite. */
    public static Map<Integer, CipherSuite> supported() {
        return SUPPORTED;
    }

    /** The hash output length of the PRF / HKDF (32 or 48). */
    public int hashLength() {
        return SHA384.equals(prfHmac) ? 48 : 32;
    }

    private static CipherSuite aead(int id, String name, boolean tls13, Cipher cipher, int keyLength, int ivLength,
                                    String prf) {
        return new CipherSuite(id, name, tls13, cipher, keyLength, ivLength, null, 0, prf);
    }

    private static CipherSuite cbc(int id, String name, int keyLength, String mac, int macLength, String prf) {
        return new CipherSuite(id, name, false, Cipher.AES_CBC, keyLength, AES_BLOCK, mac, macLength, prf);
    }
}
