package org.phonehome.proto.tls;

import java.util.List;

/**
 * A parsed ServerHello (RFC 8446 section 4.1.3), or a HelloRetryRequest (same message, special random).
 *
 * @param legacyVersion     the legacy_version field
 * @param version           the chosen version: supported_versions (0x002b) when present, else legacy_version
 * @param random            the 32-byte server random; accessor returns a copy
 * @param sessionId         the legacy session id echo; accessor returns a copy
 * @param cipherSuite       the chosen cipher suite
 * @param compressionMethod the chosen compression method
 * @param extensions        every extension in the order sent
 * @param alpn              the ALPN protocol chosen (ISO-8859-1 chars); null when absent
 * @param helloRetryRequest true when the random is the HelloRetryRequest value of RFC 8446 section 4.1.3
 */
public record ServerHello(int legacyVersion, int version, byte[] random, byte[] sessionId, int cipherSuite,
                          int compressionMethod, List<TlsExtension> extensions, String alpn,
                          boolean helloRetryRequest) {

    public ServerHello {
        random = random.clone();
        sessionId = sessionId.clone();
        extensions = List.copyOf(extensions);
    }

    @Override
    public byte[] random() {
        return random.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    /** True when the chosen version is TLS 1.3, after which the rest of the handshake is encrypted. */
    public boolean isTls13() {
        return version == TlsConstants.VERSION_TLS13;
    }
}
