package org.phonehome.testing;

import io.airlift.compress.zstd.ZstdCompressor;
import java.util.Arrays;
import java.util.zip.Deflater;

/** Content codings for test bodies (gzip is {@link CaptureBuilder#gzip}; brotli has no Java encoder). */
public final class Codecs {
    private Codecs() {
    }

    /** deflate: zlib-wrapped (RFC 1950), or raw (RFC 1951) as some servers send it. */
    public static byte[] deflate(byte[] data, boolean raw) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length + 64];
        int n = d.deflate(buf);
        d.end();
        return Arrays.copyOf(buf, n);
    }

    /** One zstd frame (RFC 8878). */
    public static byte[] zstd(byte[] data) {
        ZstdCompressor c = new ZstdCompressor();
        byte[] out = new byte[c.maxCompressedLength(data.length)];
        int n = c.compress(data, 0, data.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }
}
