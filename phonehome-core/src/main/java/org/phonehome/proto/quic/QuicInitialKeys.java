package org.phonehome.proto.quic;

import javax.crypto.Mac;

/**
 * The AES-128-GCM packet protection keys of one side's Initial packets (RFC 9001 section 5.2, RFC 9369 section 3.3).
 *
 * @param secret the side's initial secret (client_initial_secret or server_initial_secret)
 * @param key    the 16-byte AEAD key
 * @param iv     the 12-byte AEAD IV
 * @param hp     the 16-byte header protection key (AES-ECB)
 */
public record QuicInitialKeys(byte[] secret, byte[] key, byte[] iv, byte[] hp) {
    private static final int SECRET_LENGTH = 32;
    private static final int KEY_LENGTH = 16;
    private static final int IV_LENGTH = 12;
    private static final byte[] NO_CONTEXT = new byte[0];

    public QuicInitialKeys {
        secret = secret.clone();
        key = key.clone();
        iv = iv.clone();
        hp = hp.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }

    @Override
    public byte[] hp() {
        return hp.clone();
    }

    /** initial_secret = HKDF-Extract(version's salt, client's first Destination Connection ID). */
    public static byte[] initialSecret(QuicVersion version, byte[] dcid) {
        return Hkdf.extract(version.initialSalt(), dcid);
    }

    /** The keys of the client's Initial packets ("client in"). */
    public static QuicInitialKeys client(QuicVersion version, byte[] dcid) {
        return client(version, dcid, new InitialCrypto());
    }

    /** The keys of the server's Initial packets ("server in"). */
    public static QuicInitialKeys server(QuicVersion version, byte[] dcid) {
        return server(version, dcid, new InitialCrypto());
    }

    /** {@link #client(QuicVersion, byte[])} derived with {@code crypto}'s engine. */
    public static QuicInitialKeys client(QuicVersion version, byte[] dcid, InitialCrypto crypto) {
        return derive(version, dcid, "client in", crypto.hmacSha256);
    }

    /** {@link #server(QuicVersion, byte[])} derived with {@code crypto}'s engine. */
    public static QuicInitialKeys server(QuicVersion version, byte[] dcid, InitialCrypto crypto) {
        return derive(version, dcid, "server in", crypto.hmacSha256);
    }

    private static QuicInitialKeys derive(QuicVersion version, byte[] dcid, String side, Mac mac) {
        byte[] initial = Hkdf.extract(mac, version.initialSalt(), dcid);
        byte[] secret = Hkdf.expandLabel(mac, initial, side, NO_CONTEXT, SECRET_LENGTH);
        return new QuicInitialKeys(secret,
                Hkdf.expandLabel(mac, secret, version.label("key"), NO_CONTEXT, KEY_LENGTH),
                Hkdf.expandLabel(mac, secret, version.label("iv"), NO_CONTEXT, IV_LENGTH),
                Hkdf.expandLabel(mac, secret, version.label("hp"), NO_CONTEXT, KEY_LENGTH));
    }
}
