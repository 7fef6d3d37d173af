package org.phonehome.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The bundled geography's gzip reading: libdeflate where it may answer, zlib's answer everywhere else. */
class GzipResourceTest {

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }

    private static byte[] content(int n, long seed) {
        byte[] b = new byte[n];
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + r.nextInt(6)); // compressible, like the tables
        }
        return b;
    }

    @Test
    void oneMemberIsReadWhole() throws IOException {
        byte[] c = content(300_000, 1);
        assertThat(GzipResource.gunzip(new ByteArrayInputStream(gzip(c)))).isEqualTo(c);
    }

    @Test
    void concatenatedMembersAreReadOnAsZlibReadsThem() throws IOException {
        byte[] a = content(5_000, 2);
        byte[] b = content(7_000, 3);
        byte[] both = new ByteArrayOutputStream() {
            {
                writeBytes(gzip(a));
                writeBytes(gzip(b));
            }
        }.toByteArray();
        byte[] expected = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, expected, a.length, b.length);
        assertThat(GzipResource.gunzip(new ByteArrayInputStream(both))).isEqualTo(expected);
    }

    @Test
    void aTruncatedFileIsZlibsError() throws IOException {
        byte[] gz = gzip(content(50_000, 4));
        byte[] cut = Arrays.copyOf(gz, gz.length - 100);
        assertThatThrownBy(() -> GzipResource.gunzip(new ByteArrayInputStream(cut))).isInstanceOf(EOFException.class);
    }
}
