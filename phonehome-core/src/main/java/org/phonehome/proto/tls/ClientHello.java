package org.phonehome.proto.tls;

import java.util.List;

/**
 * A parsed TLS ClientHello (RFC 8446 section 4.1.2), from TLS over TCP or a QUIC Initial's CRYPTO stream.
 *
 * @param legacyVersion       the legacy_version field (0x0303 for TLS 1.2 and 1.3 clients)
 * @param random              the 32-byte client random (needed to match key-log lines); accessor returns a copy
 * @param sessionId           the legacy session id (0..32 bytes); accessor returns a copy
 * @param cipherSuites        offered cipher suites in order, GREASE included
 * @param compressionMethods  offered compression methods in order
 * @param extensions          every extension in the order sent, GREASE included
 * @param sni                 the first host_name of server_name (0x0000); null when absent
 * @param alpn                ALPN protocol names in order (each byte as one ISO-8859-1 char); empty when absent
 * @param supportedVersions   supported_versions (0x002b) in order; empty when absent
 * @param supportedGroups     supported_groups (0x000a) in order; empty when absent
 * @param ecPointFormats      ec_point_formats (0x000b) in order; empty when absent
 * @param signatureAlgorithms signature_algorithms (0x000d) in order; empty when absent
 */
public record ClientHello(int legacyVersion, byte[] random, byte[] sessionId, List<Integer> cipherSuites,
                          List<Integer> compressionMethods, List<TlsExtension> extensions, String sni,
                          List<String> alpn, List<Integer> supportedVersions, List<Integer> supportedGroups,
                          List<Integer> ecPointFormats, List<Integer> signatureAlgorithms) {

    public ClientHello {
        random = random.clone();
        sessionId = sessionId.clone();
        cipherSuites = List.copyOf(cipherSuites);
        compressionMethods = List.copyOf(compressionMethods);
        extensions = List.copyOf(extensions);
        alpn = List.copyOf(alpn);
        supportedVersions = List.copyOf(supportedVersions);
        supportedGroups = List.copyOf(supportedGroups);
        ecPointFormats = List.copyOf(ecPointFormats);
        signatureAlgorithms = List.copyOf(signatureAlgorithms);
    }

    @Override
    public byte[] random() {
        return random.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    /** Extension types in the order sent, GREASE included. */
    public List<Integer> extensionTypes() {
        return extensions.stream().map(TlsExtension::type).toList();
    }

    /** The JA3 string: {@code SSLVersion,Ciphers,Extensions,EllipticCurves,EllipticCurvePointFormats}, no GREASE. */
    public String ja3() {
        return Fingerprints.ja3(this);
    }

    /** MD5 of {@link #ja3()} as 32 lower-case hex digits. */
    public String ja3Hash() {
        return Fingerprints.md5Hex(ja3());
    }

    /** The JA4 client fingerprint (FoxIO JA4 spec); {@code quic} selects the {@code q} prefix instead of {@code t}. */
    public String ja4(boolean quic) {
        return Fingerprints.ja4(this, quic);
    }
}
