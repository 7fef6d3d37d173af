package org.phonehome.proto.tls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds ClientHello bytes for tests, field by field (RFC 8446 section 4.1.2). Extensions appear in the order the
 * builder methods are called.
 */
public final class ClientHelloBuilder {
    private int legacyVersion = 0x0303;
    private byte[] random = new byte[32];
    private byte[] sessionId = new byte[0];
    private int[] ciphers = {0x1301, 0x1302, 0xc02b};
    private int[] compression = {0};
    private final List<byte[]> extensions = new ArrayList<>();
    private boolean extensionsBlock = true;

    public ClientHelloBuilder() {
        for (int i = 0; i < random.length; i++) {
            random[i] = (byte) i; // random = 00 01 02 .. 1f, easy to recognise
        }
    }

    public ClientHelloBuilder legacyVersion(int v) {
        legacyVersion = v;
        return this;
    }

    public ClientHelloBuilder random(byte[] r) {
        random = r.clone();
        return this;
    }

    public ClientHelloBuilder sessionId(byte[] id) {
        sessionId = id.clone();
        return this;
    }

    public ClientHelloBuilder ciphers(int... suites) {
        ciphers = suites.clone();
        return this;
    }

    public ClientHelloBuilder compression(int... methods) {
        compression = methods.clone();
        return this;
    }

    /** Leaves out the extensions block entirely (an SSL 3.0 / early TLS hello). */
    public ClientHelloBuilder noExtensionsBlock() {
        extensionsBlock = false;
        return this;
    }

    /** Any extension with raw data. */
    public ClientHelloBuilder extension(int type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, type);
        u16(out, data.length);
        out.writeBytes(data);
        extensions.add(out.toByteArray());
        return this;
    }

    /** server_name (0x0000): list length, name_type 0 (host_name), name length, name. */
    public ClientHelloBuilder sni(String host) {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        u16(d, name.length + 3);
        d.write(0);
        u16(d, name.length);
        d.writeBytes(name);
        return extension(0x0000, d.toByteArray());
    }

    /** ALPN (0x0010): list length, then each name as length byte + bytes. */
    public ClientHelloBuilder alpn(String... names) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (String n : names) {
            byte[] b = n.getBytes(StandardCharsets.ISO_8859_1);
            list.write(b.length);
            list.writeBytes(b);
        }
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        u16(d, list.size());
        d.writeBytes(list.toByteArray());
        return extension(0x0010, d.toByteArray());
    }

    /** supported_versions (0x002b): one-byte list length, u16 versions. */
    public ClientHelloBuilder supportedVersions(int... versions) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.write(versions.length * 2);
        for (int v : versions) {
            u16(d, v);
        }
        return extension(0x002b, d.toByteArray());
    }

    /** supported_groups (0x000a): u16 list length, u16 groups. */
    public ClientHelloBuilder groups(int... groups) {
        return extension(0x000a, u16List(groups));
    }

    /** signature_algorithms (0x000d): u16 list length, u16 schemes. */
    public ClientHelloBuilder signatureAlgorithms(int... schemes) {
        return extension(0x000d, u16List(schemes));
    }

    /** ec_point_formats (0x000b): one-byte list length, u8 formats. */
    public ClientHelloBuilder pointFormats(int... formats) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.write(formats.length);
        for (int f : formats) {
            d.write(f);
        }
        return extension(0x000b, d.toByteArray());
    }

    /** The ClientHello body (what follows the 4-byte handshake header). */
    public byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, legacyVersion);
        out.writeBytes(random);
        out.write(sessionId.length);
        out.writeBytes(sessionId);
        u16(out, ciphers.length * 2);
        for (int c : ciphers) {
            u16(out, c);
        }
        out.write(compression.length);
        for (int c : compression) {
            out.write(c);
        }
        if (extensionsBlock) {
            int total = extensions.stream().mapToInt(e -> e.length).sum();
            u16(out, total);
            extensions.forEach(out::writeBytes);
        }
        return out.toByteArray();
    }

    /** Handshake message: type 1, u24 length, body. */
    public byte[] handshake() {
        return TlsBytes.handshake(1, body());
    }

    /** One handshake record (type 22, version 0x0301 as clients send) holding the message. */
    public byte[] record() {
        return TlsBytes.record(22, handshake());
    }

    private static byte[] u16List(int... values) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        u16(d, values.length * 2);
        for (int v : values) {
            u16(d, v);
        }
        return d.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >> 8);
        out.write(v);
    }
}
