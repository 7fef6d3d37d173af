package org.phonehome.enrich;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.phonehome.proto.http.Libdeflate;

/**
 * Decompresses a bundled gzip file whole. The geography is read at every start, next to the audit: libdeflate
 * inflates its 18 MB in a quarter of zlib's time, into one array of the size the trailer gives; zlib reads what
 * libdeflate will not (no libdeflate, damage, several members), with its own errors.
 */
final class GzipResource {

    /** Far above the bundled files (10 MB each); a trailer claiming more is not believed, and zlib reads on. */
    private static final long MAX_BYTES = 256L << 20;

    private GzipResource() {
    }

    /**
     * The decompressed content of the gzip stream {@code in}; zlib's {@link java.util.zip.ZipException} or
     * {@link java.io.EOFException} when it is corrupt or truncated.
     */
    static byte[] gunzip(InputStream in) throws IOException {
        byte[] gz = in.readAllBytes();
        byte[] whole = Libdeflate.gunzipMember(gz, MAX_BYTES);
        if (whole != null) {
            return whole;
        }
        try (InputStream g = new GZIPInputStream(new ByteArrayInputStream(gz), 1 << 16)) {
            return g.readAllBytes();
        }
    }
}
