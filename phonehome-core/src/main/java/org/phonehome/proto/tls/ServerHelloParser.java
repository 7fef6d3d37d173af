package org.phonehome.proto.tls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/** Parses the body of a ServerHello handshake message; a pure function of bytes. */
public final class ServerHelloParser {
    /** SHA-256("HelloRetryRequest"), the random that marks a HelloRetryRequest (RFC 8446 section 4.1.3). */
    private static final byte[] HRR_RANDOM = HexFormat.of()
            .parseHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
    private static final int RANDOM_LENGTH = 32;
    private static final int MAX_SESSION_ID = 32;

    private ServerHelloParser() {
    }

    /**
     * Parses {@code data[offset, offset+length)}, the message body after the 4-byte handshake header.
     *
     * @param anomalies receives {@link TlsAnomalies#SERVER_HELLO_MALFORMED} when null is returned, or
     *                  {@link TlsAnomalies#EXTENSION_MALFORMED}
     * @return the hello, or null when its structure does not parse
     */
    public static ServerHello parse(byte[] data, int offset, int length, Consumer<String> anomalies) {
        ByteReader r = new ByteReader(data, offset, length);
        int legacyVersion = r.u16();
        byte[] random = r.bytes(RANDOM_LENGTH);
        int sessionIdLength = r.u8();
        byte[] sessionId = r.bytes(sessionIdLength);
        int cipherSuite = r.u16();
        int compression = r.u8();
        List<TlsExtension> extensions = new ArrayList<>();
        if (!r.ok() || sessionIdLength > MAX_SESSION_ID
                || (r.remaining() > 0 && !ClientHelloParser.readExtensions(r, extensions))) {
            anomalies.accept(TlsAnomalies.SERVER_HELLO_MALFORMED);
            return null;
        }
        int version = legacyVersion;
        String alpn = null;
        for (TlsExtension e : extensions) {
            byte[] d = e.data();
            ByteReader er = new ByteReader(d, 0, d.length);
            if (e.type() == TlsConstants.EXT_SUPPORTED_VERSIONS) {
                int v = er.u16();
                if (er.ok() && er.remaining() == 0) {
                    version = v;
                } else {
                    anomalies.accept(TlsAnomalies.EXTENSION_MALFORMED);
                }
            } else if (e.type() == TlsConstants.EXT_ALPN) {
                ByteReader list = er.sub(er.u16());
                byte[] name = list.bytes(list.u8());
                if (er.ok() && list.ok() && er.remaining() == 0 && list.remaining() == 0) {
                    alpn = new String(name, StandardCharsets.ISO_8859_1);
                } else {
                    anomalies.accept(TlsAnomalies.EXTENSION_MALFORMED);
                }
            }
        }
        return new ServerHello(legacyVersion, version, random, sessionId, cipherSuite, compression, extensions, alpn,
                Arrays.equals(random, HRR_RANDOM));
    }
}
