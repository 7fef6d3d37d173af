package org.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phonehome.testing.CaptureBuilder;

class PcapReaderTest {
    private static final long T = 1_700_000_000_123_456_000L;
    private static final byte[] FRAME = Read.bytes(60, 1);

    @Test
    void littleEndianMicroseconds() throws IOException {
        byte[] file = CaptureBuilder.pcap(LinkType.ETHERNET).packet(T, FRAME).packet(T + 1000, FRAME).bytes();
        try (CaptureReader reader = Read.open(file)) {
            assertThat(reader.format()).isEqualTo("pcap");
            List<CapturedPacket> packets = Read.all(reader);
            assertThat(packets).hasSize(2);
            CapturedPacket first = packets.get(0);
            assertThat(first.frameNumber()).isEqualTo(1);
            assertThat(first.timestampNanos()).isEqualTo(T);
            assertThat(first.linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(first.data()).isEqualTo(FRAME);
            assertThat(first.originalLength()).isEqualTo(60);
            assertThat(first.interfaceId()).isZero();
            assertThat(first.app()).isNull();
            assertThat(packets.get(1).frameNumber()).isEqualTo(2);
            assertThat(packets.get(1).timestampNanos()).isEqualTo(T + 1000);
        }
    }

    @Test
    void bigEndianMicroseconds() throws IOException {
        byte[] file = CaptureBuilder.pcap(LinkType.RAW).bigEndian().packet(T, FRAME).bytes();
        assertThat(file[0]).isEqualTo((byte) 0xa1);
        CapturedPacket p = Read.all(file).get(0);
        assertThat(p.timestampNanos()).isEqualTo(T);
        assertThat(p.linkType()).isEqualTo(LinkType.RAW);
        assertThat(p.data()).isEqualTo(FRAME);
    }

    @Test
    void littleEndianNanoseconds() throws IOException {
        long t = T + 789;
        byte[] file = CaptureBuilder.pcap(LinkType.ETHERNET).nanoseconds().packet(t, FRAME).bytes();
        try (CaptureReader reader = Read.open(file)) {
            assertThat(reader.format()).isEqualTo("pcap-ns");
            assertThat(reader.next().timestampNanos()).isEqualTo(t);
        }
    }

    @Test
    void bigEndianNanoseconds() throws IOException {
        long t = T + 789;
        byte[] file = CaptureBuilder.pcap(LinkType.ETHERNET).bigEndian().nanoseconds().packet(t, FRAME).bytes();
        assertThat(Read.all(file).get(0).timestampNanos()).isEqualTo(t);
    }

    @Test
    void linkTypeIgnoresFcsBitsInTheUpperHalf() throws IOException {
        int withFcsFlags = 0x1000_0000 | LinkType.ETHERNET;
        byte[] file = CaptureBuilder.pcap(withFcsFlags).packet(T, FRAME).bytes();
        assertThat(Read.all(file).get(0).linkType()).isEqualTo(LinkType.ETHERNET);
    }

    @Test
    void snaplenTruncatedRecordIsKeptAndCounted() throws IOException {
        byte[] file = CaptureBuilder.pcap(LinkType.ETHERNET).snaplen(60).packet(T, 1514, FRAME).bytes();
        try (CaptureReader reader = Read.open(file)) {
            CapturedPacket p = reader.next();
            assertThat(p.originalLength()).isEqualTo(1514);
            assertThat(p.data()).hasSize(60);
            assertThat(reader.counters().get("snaplen_truncated")).isEqualTo(1);
        }
    }

    @Test
    void zeroLengthRecordIsAnEmptyPacket() throws IOException {
        byte[] file = CaptureBuilder.pcap(LinkType.ETHERNET).packet(T, new byte[0]).packet(T, FRAME).bytes();
        List<CapturedPacket> packets = Read.all(file);
        assertThat(packets).hasSize(2);
        assertThat(packets.get(0).data()).isEmpty();
    }

    @Test
    void version20SwapsTheLengthFieldsAsWiresharkDoes() throws IOException {
        // Before 2.3 the record header held orig_len first: write (seconds, usec, orig=1514, incl=60).
        byte[] file = CaptureBuilder.pcap(LinkType.ETHERNET).version(2, 0).record(1, 0, 1514, 60, FRAME).bytes();
        CapturedPacket p = Read.all(file).get(0);
        assertThat(p.data()).hasSize(60);
        assertThat(p.originalLength()).isEqualTo(1514);
    }

    @Test
    void version23SwapsOnlyWhenCapturedExceedsOriginal() throws IOException {
        byte[] file = CaptureBuilder.pcap(LinkType.ETHERNET).version(2, 3)
                .record(1, 0, 60, 1514, FRAME).record(2, 0, 1514, 60, FRAME).bytes();
        List<CapturedPacket> packets = Read.all(file);
        assertThat(packets).extracting(p -> p.data().length).containsExactly(60, 60);
        assertThat(packets).extracting(CapturedPacket::originalLength).containsExactly(1514, 1514);
    }

    @Test
    void recordCutShortMidPacketReturnsEarlierRecordsThenNamesTheOffset() throws IOException {
        byte[] whole = CaptureBuilder.pcap(LinkType.ETHERNET).packet(T, FRAME).packet(T, FRAME).bytes();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 10);
        long secondRecord = 24 + 16 + 60;
        try (CaptureReader reader = Read.open(cut)) {
            assertThat(reader.next().data()).isEqualTo(FRAME);
            assertThatThrownBy(reader::next)
                    .isInstanceOfSatisfying(CaptureFormatException.class, e -> {
                        assertThat(e.offset()).isEqualTo(secondRecord);
                        assertThat(e.reason()).isEqualTo("record cut short: 60 bytes announced, 50 present");
                    });
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void recordHeaderCutShortNamesTheOffset() throws IOException {
        byte[] file = CaptureBuilder.pcap(LinkType.ETHERNET).packet(T, FRAME).raw(new byte[5]).bytes();
        try (CaptureReader reader = Read.open(file)) {
            reader.next();
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(CaptureFormatException.class,
                    e -> assertThat(e.offset()).isEqualTo(24 + 16 + 60));
        }
    }

    @Test
    void absurdRecordLengthIsDamageNotAnAllocation() throws IOException {
        byte[] file = CaptureBuilder.pcap(LinkType.ETHERNET).packet(T, FRAME)
                .record(1, 0, 0xfffffff0L, 0xfffffff0L, new byte[0]).bytes();
        try (CaptureReader reader = Read.open(file)) {
            reader.next();
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(CaptureFormatException.class, e -> {
                assertThat(e.offset()).isEqualTo(24 + 16 + 60);
                assertThat(e.reason()).contains("4294967280");
            });
        }
    }

    @Test
    void recordAboveTheStandardMaximumIsRejectedWhenSnaplenIsSmaller() throws IOException {
        byte[] file = CaptureBuilder.pcap(LinkType.ETHERNET).snaplen(65535)
                .record(1, 0, PcapReader.STANDARD_MAX_RECORD_BYTES + 1, 1, new byte[0]).bytes();
        assertThatThrownBy(() -> Read.all(file)).isInstanceOf(CaptureFormatException.class);
    }

    @Test
    void largeRecordAllowedBySnaplenIsRead() throws IOException {
        byte[] big = Read.bytes(300_000, 7);
        byte[] file = CaptureBuilder.pcap(LinkType.ETHERNET).snaplen(1_000_000).packet(T, big).bytes();
        assertThat(Read.all(file).get(0).data()).isEqualTo(big);
    }

    @Test
    void lyingLengthAtTheEndOfASmallFileDoesNotAllocateTheLie() throws IOException {
        // Snaplen allows 200 MiB, but only 3 bytes follow: the reader must fail fast, not allocate 200 MiB per try.
        byte[] file = CaptureBuilder.pcap(LinkType.ETHERNET).snaplen(Integer.MAX_VALUE)
                .record(1, 0, 200L << 20, 200L << 20, new byte[3]).bytes();
        long before = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> Read.all(file)).isInstanceOf(CaptureFormatException.class);
        }
        assertThat(System.nanoTime() - before).isLessThan(5_000_000_000L);
    }

    @Test
    void framesAreNumberedFromTheGivenStart() throws IOException {
        byte[] file = CaptureBuilder.pcap(LinkType.ETHERNET).packet(T, FRAME).packet(T, FRAME).bytes();
        try (CaptureReader reader = Captures.open(new java.io.ByteArrayInputStream(file), "b.pcap", 101)) {
            List<Long> numbers = new ArrayList<>();
            for (CapturedPacket p : Read.all(reader)) {
                numbers.add(p.frameNumber());
            }
            assertThat(numbers).containsExactly(101L, 102L);
        }
    }

    @Test
    void offsetIsTheBytesConsumed() throws IOException {
        byte[] file = CaptureBuilder.pcap(LinkType.ETHERNET).packet(T, FRAME).bytes();
        try (CaptureReader reader = Read.open(file)) {
            reader.next();
            assertThat(reader.offset()).isEqualTo(file.length);
        }
    }
}
