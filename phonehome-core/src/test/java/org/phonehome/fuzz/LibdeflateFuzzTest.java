package org.phonehome.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.phonehome.proto.http.Libdeflate;

/**
 * libdeflate against {@code java.util.zip} on any stream. Byte 0 picks the format (raw DEFLATE, zlib, gzip), byte 1
 * the room for the output (in KiB), the rest is the stream. libdeflate must never write outside its room; wherever
 * zlib reads a stream whole within the room, libdeflate must read it too, to the same bytes and the same end (for
 * gzip: where libdeflate reads a member whole and zlib reads it too, the bytes agree). The converse does not hold:
 * libdeflate reads some invalid DEFLATE that zlib refuses (this target found a code-length repeat running past the
 * lengths, under a matching Adler-32), the reason {@code ContentDecoder} gives it only checksummed streams. Runs
 * only where libdeflate is loaded; libFuzzer sees the coverage of the Java side only.
 */
class LibdeflateFuzzTest {
    private static final int GUARD = 16;
    private static final byte GUARD_BYTE = 0x5a;

    @FuzzTest
    void agreesWithZlib(byte[] data) {
        if (!Libdeflate.available() || data.length < 2) {
            return;
        }
        Libdeflate.Format format = Libdeflate.Format.values()[(data[0] & 0xff) % 3];
        int room = (data[1] & 0xff) << 10;
        byte[] in = Arrays.copyOfRange(data, 2, data.length);
        byte[] out = new byte[GUARD + room + GUARD];
        Arrays.fill(out, GUARD_BYTE);
        long r = Libdeflate.decompress(format, in, 0, in.length, out, GUARD, room);
        for (int i = 0; i < GUARD; i++) {
            assertThat(out[i]).as("byte before the room").isEqualTo(GUARD_BYTE);
            assertThat(out[GUARD + room + i]).as("byte after the room").isEqualTo(GUARD_BYTE);
        }
        if (r >= 0) {
            assertThat(Libdeflate.consumed(r)).isBetween(0, in.length);
            assertThat(Libdeflate.written(r)).isBetween(0, room);
        }
        byte[] mine = r >= 0 ? Arrays.copyOfRange(out, GUARD, GUARD + Libdeflate.written(r)) : null;
        if (format == Libdeflate.Format.GZIP) {
            // one member: zlib reads on past it, so compare where libdeflate read one whole
            if (r >= 0) {
                Whole zlib = gunzip(Arrays.copyOf(in, Libdeflate.consumed(r)), room);
                if (zlib != null) {
                    assertThat(zlib.bytes).isEqualTo(mine);
                }
            }
            return;
        }
        Whole zlib = inflate(in, format == Libdeflate.Format.DEFLATE, room);
        if (zlib != null) {
            assertThat(r).as("libdeflate's result on a stream zlib reads whole").isNotNegative();
            assertThat(mine).isEqualTo(zlib.bytes);
            assertThat((long) Libdeflate.consumed(r)).as("input read").isEqualTo(zlib.read);
        }
        // libdeflate reading a stream that zlib refuses is the known leniency above, not a finding
    }

    private record Whole(byte[] bytes, long read) {
    }

    /** zlib's reading of the stream, when it ends within the room; else null. */
    private static Whole inflate(byte[] in, boolean raw, int room) {
        Inflater inflater = new Inflater(raw);
        try {
            inflater.setInput(in);
            byte[] out = new byte[room + 1];
            int n = 0;
            while (!inflater.finished()) {
                int got = inflater.inflate(out, n, out.length - n);
                n += got;
                if (n > room || got == 0 && !inflater.finished()
                        && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null;
                }
            }
            return new Whole(Arrays.copyOf(out, n), inflater.getBytesRead());
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    private static Whole gunzip(byte[] in, int room) {
        try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(in))) {
            byte[] out = gz.readNBytes(room + 1);
            return out.length <= room ? new Whole(out, in.length) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
