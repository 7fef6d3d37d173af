package org.phonehome.proto.tls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Parses the body of a ClientHello handshake message (RFC 8446 section 4.1.2); a pure function of bytes. */
public final class ClientHelloParser {
    /** SNI name_type host_name (RFC 6066 section 3). */
    private static final int SNI_HOST_NAME = 0;
    private static final int RANDOM_LENGTH = 32;
    private static final int MAX_SESSION_ID = 32;

    private ClientHelloParser() {
    }

    /**
     * Parses {@code data[offset, offset+length)}, the message body after the 4-byte handshake header.
     *
     * @param anomalies receives {@link TlsAnomalies#CLIENT_HELLO_MALFORMED} (and null is returned) or
     *                  {@link TlsAnomalies#EXTENSION_MALFORMED} (the hello is still returned)
     * @return the hello, or null when its structure does not parse
     */
    public static ClientHello parse(byte[] data, int offset, int length, Consumer<String> anomalies) {
        ByteReader r = new ByteReader(data, offset, length);
        int legacyVersion = r.u16();
        byte[] random = r.bytes(RANDOM_LENGTH);
        int sessionIdLength = r.u8();
        byte[] sessionId = r.bytes(sessionIdLength);
        int suitesLength = r.u16();
        ByteReader suites = r.sub(suitesLength);
        int compressionLength = r.u8();
        ByteReader compression = r.sub(compressionLength);
        if (!r.ok() || sessionIdLength > MAX_SESSION_ID || suitesLength % 2 != 0) {
            anomalies.accept(TlsAnomalies.CLIENT_HELLO_MALFORMED);
            return null;
        }
        List<Integer> cipherSuites = u16List(suites);
        List<Integer> compressionMethods = new ArrayList<>();
        while (compression.remaining() > 0) {
            compressionMethods.add(compression.u8());
        }
        List<TlsExtension> extensions = new ArrayList<>();
        if (r.remaining() > 0 && !readExtensions(r, extensions)) {
            anomalies.accept(TlsAnomalies.CLIENT_HELLO_MALFORMED);
            return null;
        }
        Fields f = new Fields();
        for (TlsExtension e : extensions) {
            if (!f.read(e)) {
                anomalies.accept(TlsAnomalies.EXTENSION_MALFORMED);
            }
        }
        return new ClientHello(legacyVersion, random, sessionId, cipherSuites, compressionMethods, extensions,
                f.sni, f.alpn, f.supportedVersions, f.supportedGroups, f.ecPointFormats, f.signatureAlgorithms);
    }

    /** Reads a u16-length extensions block into {@code out}; false when its framing is broken. */
    static boolean readExtensions(ByteReader r, List<TlsExtension> out) {
        ByteReader block = r.sub(r.u16());
        while (block.ok() && block.remaining() >= 4) {
            int type = block.u16();
            int len = block.u16();
            byte[] body = block.bytes(len);
            if (block.ok()) {
                out.add(new TlsExtension(type, body));
            }
        }
        return r.ok() && block.ok() && block.remaining() == 0;
    }

    private static List<Integer> u16List(ByteReader r) {
        List<Integer> values = new ArrayList<>();
        while (r.remaining() >= 2) {
            values.add(r.u16());
        }
        return values;
    }

    /** The decoded contents of the extensions we interpret. */
    private static final class Fields {
        String sni;
        List<String> alpn = List.of();
        List<Integer> supportedVersions = List.of();
        List<Integer> supportedGroups = List.of();
        List<Integer> ecPointFormats = List.of();
        List<Integer> signatureAlgorithms = List.of();

        /** Reads one extension; false when its contents are malformed. */
        boolean read(TlsExtension e) {
            byte[] d = e.data();
            ByteReader r = new ByteReader(d, 0, d.length);
            switch (e.type()) {
                case TlsConstants.EXT_SERVER_NAME -> {
                    return d.length == 0 || readSni(r);
                }
                case TlsConstants.EXT_ALPN -> {
                    return readAlpn(r);
                }
                case TlsConstants.EXT_SUPPORTED_VERSIONS -> {
                    ByteReader list = r.sub(r.u8());
                    supportedVersions = u16List(list);
                    return r.ok() && r.remaining() == 0 && list.remaining() == 0;
                }
                case TlsConstants.EXT_SUPPORTED_GROUPS -> {
                    ByteReader list = r.sub(r.u16());
                    supportedGroups = u16List(list);
                    return r.ok() && r.remaining() == 0 && list.remaining() == 0;
                }
                case TlsConstants.EXT_SIGNATURE_ALGORITHMS -> {
                    ByteReader list = r.sub(r.u16());
                    signatureAlgorithms = u16List(list);
                    return r.ok() && r.remaining() == 0 && list.remaining() == 0;
                }
                case TlsConstants.EXT_EC_POINT_FORMATS -> {
                    ByteReader list = r.sub(r.u8());
                    List<Integer> formats = new ArrayList<>();
                    while (list.remaining() > 0) {
                        formats.add(list.u8());
                    }
                    ecPointFormats = formats;
                    return r.ok() && r.remaining() == 0;
                }
                default -> {
                    return true;
                }
            }
        }

        private boolean readSni(ByteReader r) {
            ByteReader list = r.sub(r.u16());
            while (list.ok() && list.remaining() > 0) {
                int nameType = list.u8();
                byte[] name = list.bytes(list.u16());
                if (list.ok() && nameType == SNI_HOST_NAME && sni == null) {
                    sni = new String(name, StandardCharsets.UTF_8);
                }
            }
            return r.ok() && list.ok() && r.remaining() == 0;
        }

        private boolean readAlpn(ByteReader r) {
            ByteReader list = r.sub(r.u16());
            List<String> names = new ArrayList<>();
            while (list.ok() && list.remaining() > 0) {
                byte[] name = list.bytes(list.u8());
                if (list.ok()) {
                    names.add(new String(name, StandardCharsets.ISO_8859_1));
                }
            }
            alpn = names;
            return r.ok() && list.ok() && r.remaining() == 0;
        }
    }
}
