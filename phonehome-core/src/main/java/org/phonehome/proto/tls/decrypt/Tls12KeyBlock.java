package org.phonehome.proto.tls.decrypt;

import java.util.Arrays;

/**
 * The TLS 1.0-1.2 key block (RFC 5246 section 6.3): key_block = PRF(master_secret, "key expansion",
 * server_random + client_random), cut into MAC keys, encryption keys and IVs, client's first.
 *
 * @param clientMacKey client_write_MAC_key (empty for AEAD suites)
 * @param serverMacKey server_write_MAC_key
 * @param clientKey    client_write_key
 * @param serverKey    server_write_key
 * @param clientIv     client_write_IV: the GCM salt, the ChaCha20 IV, or the TLS 1.0 CBC IV (empty for CBC in 1.1+)
 * @param serverIv     server_write_IV
 */
public record Tls12KeyBlock(byte[] clientMacKey, byte[] serverMacKey, byte[] clientKey, byte[] serverKey,
                            byte[] clientIv, byte[] serverIv) {

    /** TLS 1.1 (0x0302): the first version with an explicit CBC IV per record (RFC 4346). */
    public static final int VERSION_TLS11 = 0x0302;
    /** TLS 1.2 (0x0303): the first version with a negotiable PRF hash (RFC 5246). */
    public static final int VERSION_TLS12 = 0x0303;

    /** The key block of {@code suite} at protocol {@code version} (0x0301..0x0303) from the 48-byte master secret. */
    public static Tls12KeyBlock derive(CipherSuite suite, int version, byte[] masterSecret, byte[] clientRandom,
                                       byte[] serverRandom) {
        int macLen = suite.macLength();
        int keyLen = suite.keyLength();
        int ivLen = suite.cipher() == CipherSuite.Cipher.AES_CBC && version >= VERSION_TLS11 ? 0
                : suite.fixedIvLength();
        int total = 2 * (macLen + keyLen + ivLen);
        byte[] seed = Tls12Prf.concat(serverRandom, clientRandom);
        byte[] block = version >= VERSION_TLS12
                ? Tls12Prf.prf(suite.prfHmac(), masterSecret, "key expansion", seed, total)
                : Tls12Prf.prf10(masterSecret, "key expansion", seed, total);
        int p = 0;
        byte[] cMac = Arrays.copyOfRange(block, p, p += macLen);
        byte[] sMac = Arrays.copyOfRange(block, p, p += macLen);
        byte[] cKey = Arrays.copyOfRange(block, p, p += keyLen);
        byte[] sKey = Arrays.copyOfRange(block, p, p += keyLen);
        byte[] cIv = Arrays.copyOfRange(block, p, p += ivLen);
        byte[] sIv = Arrays.copyOfRange(block, p, p + ivLen);
        return new Tls12KeyBlock(cMac, sMac, cKey, sKey, cIv, sIv);
    }
}
