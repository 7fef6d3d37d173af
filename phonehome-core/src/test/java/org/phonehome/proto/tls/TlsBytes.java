package org.phonehome.proto.tls;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Small byte helpers for TLS test fixtures. */
public final class TlsBytes {
    private TlsBytes() {
    }

    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Handshake message: type, u24 length, body. */
    public static byte[] handshake(int type, byte[] body) {
        return concat(new byte[] {(byte) type, (byte) (body.length >> 16), (byte) (body.length >> 8),
            (byte) body.length}, body);
    }

    /** One record: content type, version 0x0303 (0x0301 for handshake, as clients send), u16 length, body. */
    public static byte[] record(int contentType, byte[] body) {
        int minor = contentType == 22 ? 1 : 3;
        return concat(new byte[] {(byte) contentType, 3, (byte) minor, (byte) (body.length >> 8),
            (byte) body.length}, body);
    }

    /** Splits {@code payload} of one content type into records of at most {@code max} bytes each. */
    public static byte[] records(int contentType, byte[] payload, int max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < payload.length; i += max) {
            byte[] part = java.util.Arrays.copyOfRange(payload, i, Math.min(payload.length, i + max));
            out.writeBytes(record(contentType, part));
        }
        return out.toByteArray();
    }
}
