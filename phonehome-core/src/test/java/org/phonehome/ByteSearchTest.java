package org.phonehome;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteSearchTest {

    private static int byteByByte(byte[] b, int from, int to, byte c, byte d) {
        for (int i = from; i < to; i++) {
            if (b[i] == c || b[i] == d) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void findsTheFirstMatchAtEveryPlaceAndAlignmentOfARange() {
        // Every range of a 40-byte array, for a byte that is in it once, twice, never, next to its neighbours in
        // value (a borrow between lanes), and one with its high bit set.
        byte[] b = new byte[40];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ('a' + i % 7);
        }
        b[13] = '\n';
        b[29] = '\n';
        b[20] = (byte) 0x0b;
        b[21] = (byte) 0x09;
        b[33] = (byte) 0x8a;
        b[34] = (byte) 0x80;
        byte[] probes = {'\n', (byte) 0x8a, (byte) 0x80, (byte) 0x0b, 'z', 'a', 0};
        for (byte c : probes) {
            for (int from = 0; from <= b.length; from++) {
                for (int to = from; to <= b.length; to++) {
                    assertThat(ByteSearch.indexOf(b, from, to, c)).as("%d in [%d, %d)", c, from, to)
                            .isEqualTo(byteByByte(b, from, to, c, c));
                    for (byte d : probes) {
                        assertThat(ByteSearch.indexOfEither(b, from, to, c, d))
                                .as("%d or %d in [%d, %d)", c, d, from, to)
                                .isEqualTo(byteByByte(b, from, to, c, d));
                    }
                }
            }
        }
    }

    @Test
    void agreesWithAByteLoopOnRandomBytes() {
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(64)];
            // Few distinct values, so that matches are frequent and lie next to near misses.
            for (int i = 0; i < b.length; i++) {
                b[i] = value(random);
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            byte c = value(random);
            byte d = value(random);
            assertThat(ByteSearch.indexOf(b, from, to, c)).isEqualTo(byteByByte(b, from, to, c, c));
            assertThat(ByteSearch.indexOfEither(b, from, to, c, d)).isEqualTo(byteByByte(b, from, to, c, d));
        }
    }

    private static byte value(Random random) {
        return (byte) (random.nextInt(4) - 2 + (random.nextBoolean() ? 0 : 0x80));
    }
}
