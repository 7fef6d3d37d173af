package org.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phonehome.testing.CaptureBuilder;

/** Mutated captures: the readers may only end with an IOException, never crash, hang or blow up memory. */
class HostileInputTest {
    private static final int MUTANTS_PER_SEED = 3000;
    /** No valid record is smaller than its header, so a reader that yields more than this is looping. */
    private static final int MAX_PACKETS = 10_000;

    @Test
    void mutatedPcapNeverThrowsAnythingButIOException() {
        byte[] seed = CaptureBuilder.pcap(LinkType.ETHERNET).packet(1, Read.bytes(60, 0))
                .packet(2, 1514, Read.bytes(100, 1)).packet(3, new byte[0]).bytes();
        fuzz(seed, 1);
        fuzz(CaptureBuilder.pcap(LinkType.ETHERNET).bigEndian().nanoseconds().version(2, 0)
                .packet(1, Read.bytes(60, 0)).packet(2, Read.bytes(30, 0)).bytes(), 2);
    }

    @Test
    void mutatedPcapngNeverThrowsAnythingButIOException() {
        byte[] seed = CaptureBuilder.pcapng().iface(LinkType.ETHERNET, 0, 9, 3).iface(LinkType.RAW, 64, 0x8a, 0)
                .pcapdroidUidMap(10001, "com.a", "A").epb(1, 5, 70, Read.bytes(64, 2), "u-10001")
                .dsb(DecryptionSecrets.TLS_KEY_LOG, Read.bytes(17, 3)).spb(90, Read.bytes(90, 4))
                .nrbIpv4(new byte[] {1, 2, 3, 4}, "a", "b").isb(0).obsoletePacket(0, 7, Read.bytes(20, 5))
                .section(ByteOrder.BIG_ENDIAN).iface(LinkType.NULL).packet(9, Read.bytes(33, 6)).bytes();
        fuzz(seed, 3);
    }

    private static void fuzz(byte[] seed, long randomSeed) {
        Random random = new Random(randomSeed);
        for (int i = 0; i < MUTANTS_PER_SEED; i++) {
            byte[] mutant = seed.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(mutant.length);
                mutant[at] = random.nextInt(3) == 0 ? (byte) 0xff : (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                mutant = java.util.Arrays.copyOf(mutant, random.nextInt(mutant.length + 1));
            }
            try (CaptureReader reader = Read.open(mutant)) {
                int n = 0;
                while (reader.next() != null) {
                    n++;
                    assertThat(n).as("mutant %d of seed %d loops", i, randomSeed).isLessThan(MAX_PACKETS);
                }
                assertThat(reader.next()).isNull();
            } catch (IOException expected) {
                // damage, reported as it must be
            }
        }
    }
}
