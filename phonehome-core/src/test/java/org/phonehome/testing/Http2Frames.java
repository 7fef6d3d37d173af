package org.phonehome.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** HTTP/2 frames and HPACK header blocks for tests (RFC 9113 section 4.1, RFC 7541). */
public final class Http2Frames {
    public static final int DATA = 0;
    public static final int HEADERS = 1;
    public static final int RST_STREAM = 3;
    public static final int SETTINGS = 4;
    public static final int PUSH_PROMISE = 5;
    public static final int CONTINUATION = 9;
    public static final int END_STREAM = 0x1;
    public static final int END_HEADERS = 0x4;
    public static final int PADDED = 0x8;

    private Http2Frames() {
    }

    /** The client connection preface. */
    public static byte[] preface() {
        return "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    /** One frame: 24-bit length, type, flags, 31-bit stream id, payload. */
    public static byte[] frame(int type, int flags, int stream, byte[] payload) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(payload.length >> 16);
        o.write(payload.length >> 8);
        o.write(payload.length);
        o.write(type);
        o.write(flags);
        o.write(stream >> 24);
        o.write(stream >> 16);
        o.write(stream >> 8);
        o.write(stream);
        o.writeBytes(payload);
        return o.toByteArray();
    }

    /** A header block of literals without indexing, new names, raw strings (short ones only). */
    public static byte[] block(String... nameValues) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int i = 0; i < nameValues.length; i += 2) {
            o.write(0);
            byte[] n = nameValues[i].getBytes(StandardCharsets.ISO_8859_1);
            byte[] v = nameValues[i + 1].getBytes(StandardCharsets.ISO_8859_1);
            o.write(n.length);
            o.writeBytes(n);
            o.write(v.length);
            o.writeBytes(v);
        }
        return o.toByteArray();
    }
}
