package org.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phonehome.testing.CaptureBuilder;
import org.phonehome.testing.PcapngBuilder;

class PcapngReaderTest {
    private static final long T = 1_700_000_000_123_456_000L;
    private static final byte[] FRAME = Read.bytes(61, 3);

    @Test
    void littleEndianEnhancedPackets() throws IOException {
        byte[] file = CaptureBuilder.pcapng().iface(LinkType.ETHERNET).packet(T, FRAME).packet(T + 5000, FRAME)
                .bytes();
        try (CaptureReader reader = Read.open(file)) {
            assertThat(reader.format()).isEqualTo("pcapng");
            List<CapturedPacket> packets = Read.all(reader);
            assertThat(packets).extracting(CapturedPacket::timestampNanos).containsExactly(T, T + 5000);
            assertThat(packets.get(0).data()).isEqualTo(FRAME);
            assertThat(packets.get(0).linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(packets.get(1).frameNumber()).isEqualTo(2);
            assertThat(reader.counters().get("pcapng_section")).isEqualTo(1);
            assertThat(reader.offset()).isEqualTo(file.length);
        }
    }

    @Test
    void bigEndianSection() throws IOException {
        byte[] file = CaptureBuilder.pcapng(ByteOrder.BIG_ENDIAN).iface(LinkType.RAW).packet(T, FRAME).bytes();
        CapturedPacket p = Read.all(file).get(0);
        assertThat(p.timestampNanos()).isEqualTo(T);
        assertThat(p.linkType()).isEqualTo(LinkType.RAW);
        assertThat(p.data()).isEqualTo(FRAME);
    }

    @Test
    void nanosecondResolution() throws IOException {
        long t = T + 789;
        byte[] file = CaptureBuilder.pcapng().iface(LinkType.ETHERNET, 0, 9, 0).packet(t, FRAME).bytes();
        assertThat(Read.all(file).get(0).timestampNanos()).isEqualTo(t);
    }

    @Test
    void powerOfTwoResolution() throws IOException {
        // 2^-10 s ticks: 1.5 s = 1536 ticks.
        long t = 1_500_000_000L;
        byte[] file = CaptureBuilder.pcapng().iface(LinkType.ETHERNET, 0, 0x80 | 10, 0).packet(t, FRAME).bytes();
        assertThat(Read.all(file).get(0).timestampNanos()).isEqualTo(t);
    }

    @Test
    void timestampOffsetIsAdded() throws IOException {
        long t = T;
        byte[] file = CaptureBuilder.pcapng().iface(LinkType.ETHERNET, 0, 6, 1_000_000).packet(t, FRAME).bytes();
        assertThat(Read.all(file).get(0).timestampNanos()).isEqualTo(t);
    }

    @Test
    void multipleSectionsWithDifferentByteOrdersResetInterfaces() throws IOException {
        byte[] file = CaptureBuilder.pcapng().iface(LinkType.ETHERNET).iface(LinkType.RAW)
                .epb(1, T, FRAME.length, FRAME, null)
                .section(ByteOrder.BIG_ENDIAN).iface(LinkType.LINUX_SLL).packet(T + 1, FRAME)
                .section(ByteOrder.LITTLE_ENDIAN).iface(LinkType.NULL, 0, 9, 0).packet(T + 2, FRAME)
                .bytes();
        try (CaptureReader reader = Read.open(file)) {
            List<CapturedPacket> packets = Read.all(reader);
            assertThat(packets).extracting(CapturedPacket::linkType)
                    .containsExactly(LinkType.RAW, LinkType.LINUX_SLL, LinkType.NULL);
            assertThat(packets).extracting(CapturedPacket::interfaceId).containsExactly(1, 0, 0);
            assertThat(packets).extracting(CapturedPacket::timestampNanos).containsExactly(T, T, T + 2);
            assertThat(reader.counters().get("pcapng_section")).isEqualTo(3);
        }
    }

    @Test
    void newSectionForgetsTheInterfacesOfTheLastOne() throws IOException {
        byte[] file = CaptureBuilder.pcapng().iface(LinkType.ETHERNET).iface(LinkType.RAW)
                .section(ByteOrder.LITTLE_ENDIAN).iface(LinkType.ETHERNET)
                .epb(1, T, FRAME.length, FRAME, null).bytes();
        assertThatThrownBy(() -> Read.all(file)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("interface 1");
    }

    @Test
    void simplePacketBlockUsesInterfaceZeroAndThePreviousTimestamp() throws IOException {
        byte[] file = CaptureBuilder.pcapng().iface(LinkType.ETHERNET, 40, PcapngBuilder.DEFAULT_TSRESOL, 0)
                .packet(T, Arrays.copyOf(FRAME, 40)).spb(FRAME.length, FRAME).bytes();
        try (CaptureReader reader = Read.open(file)) {
            List<CapturedPacket> packets = Read.all(reader);
            CapturedPacket spb = packets.get(1);
            assertThat(spb.interfaceId()).isZero();
            assertThat(spb.timestampNanos()).isEqualTo(T);
            assertThat(spb.originalLength()).isEqualTo(61);
            // min(original length, snaplen, block body)
            assertThat(spb.data()).isEqualTo(Arrays.copyOf(FRAME, 40));
            assertThat(reader.counters().get("pcapng_simple_packet_block")).isEqualTo(1);
        }
    }

    @Test
    void simplePacketBlockWithoutAnEarlierPacketHasTimeZero() throws IOException {
        byte[] file = CaptureBuilder.pcapng().iface(LinkType.ETHERNET).spb(FRAME.length, FRAME).bytes();
        CapturedPacket p = Read.all(file).get(0);
        assertThat(p.timestampNanos()).isZero();
        assertThat(p.data()).isEqualTo(FRAME);
    }

    @Test
    void obsoletePacketBlock() throws IOException {
        byte[] file = CaptureBuilder.pcapng().iface(LinkType.ETHERNET).obsoletePacket(0, T, FRAME).bytes();
        try (CaptureReader reader = Read.open(file)) {
            CapturedPacket p = reader.next();
            assertThat(p.timestampNanos()).isEqualTo(T);
            assertThat(p.data()).isEqualTo(FRAME);
            assertThat(reader.counters().get("pcapng_obsolete_packet_block")).isEqualTo(1);
        }
    }

    @Test
    void decryptionSecretsBlockIsKept() throws IOException {
        byte[] keys = "CLIENT_RANDOM 00 11\n".getBytes(StandardCharsets.US_ASCII);
        byte[] file = CaptureBuilder.pcapng().dsb(DecryptionSecrets.TLS_KEY_LOG, keys).iface(LinkType.ETHERNET)
                .packet(T, FRAME).bytes();
        try (CaptureReader reader = Read.open(file)) {
            Read.all(reader);
            assertThat(reader.secrets()).hasSize(1);
            assertThat(reader.secrets().get(0).secretsType()).isEqualTo(DecryptionSecrets.TLS_KEY_LOG);
            assertThat(reader.secrets().get(0).data()).isEqualTo(keys);
        }
    }

    @Test
    void unknownBlockIsSkippedAndCounted() throws IOException {
        byte[] file = CaptureBuilder.pcapng().iface(LinkType.ETHERNET).block(0x0000_0099, Read.bytes(37, 0))
                .packet(T, FRAME).bytes();
        try (CaptureReader reader = Read.open(file)) {
            assertThat(Read.all(reader)).hasSize(1);
            assertThat(reader.counters().get("pcapng_unknown_block")).isEqualTo(1);
        }
    }

    @Test
    void nameResolutionAndStatisticsBlocksAreCounted() throws IOException {
        byte[] file = CaptureBuilder.pcapng().iface(LinkType.ETHERNET)
                .nrbIpv4(new byte[] {10, 0, 0, 1}, "router.lan", "gw").isb(0).packet(T, FRAME).bytes();
        try (CaptureReader reader = Read.open(file)) {
            assertThat(Read.all(reader)).hasSize(1);
            assertThat(reader.counters().get("pcapng_name_resolution")).isEqualTo(1);
            assertThat(reader.counters().get("pcapng_name_resolution_name")).isEqualTo(2);
            assertThat(reader.counters().get("pcapng_interface_statistics")).isEqualTo(1);
        }
    }

    @Test
    void customBlockTakesAFrameNumberLikeWireshark() throws IOException {
        byte[] file = CaptureBuilder.pcapng().iface(LinkType.ETHERNET).packet(T, FRAME)
                .custom(PcapngBuilder.CUSTOM_NO_COPY, 32473, Read.bytes(9, 0)).packet(T, FRAME).bytes();
        try (CaptureReader reader = Read.open(file)) {
            assertThat(Read.all(reader)).extracting(CapturedPacket::frameNumber).containsExactly(1L, 3L);
            assertThat(reader.counters().get("pcapng_custom_block")).isEqualTo(1);
        }
    }

    @Test
    void packetBeforeAnyInterfaceIsDamage() throws IOException {
        byte[] file = CaptureBuilder.pcapng().packet(T, FRAME).bytes();
        assertThatThrownBy(() -> Read.all(file)).isInstanceOfSatisfying(CaptureFormatException.class,
                e -> assertThat(e.offset()).isEqualTo(28));
    }

    @Test
    void interfaceIdOutOfRangeIsDamage() throws IOException {
        byte[] file = CaptureBuilder.pcapng().iface(LinkType.ETHERNET).packet(T, FRAME)
                .epb(7, T, FRAME.length, FRAME, null).bytes();
        try (CaptureReader reader = Read.open(file)) {
            assertThat(reader.next()).isNotNull();
            assertThatThrownBy(reader::next).isInstanceOf(CaptureFormatException.class)
                    .hasMessageContaining("interface 7");
        }
    }

    @Test
    void corruptBlockLengthNamesTheBlockOffset() throws IOException {
        byte[] good = CaptureBuilder.pcapng().iface(LinkType.ETHERNET).packet(T, FRAME).bytes();
        int secondBlock = 28 + 20;
        byte[] bad = good.clone();
        bad[secondBlock + 4] = 13; // total length 13: not a multiple of 4
        bad[secondBlock + 5] = 0;
        assertThatThrownBy(() -> Read.all(bad)).isInstanceOfSatisfying(CaptureFormatException.class, e -> {
            assertThat(e.offset()).isEqualTo(secondBlock);
            assertThat(e.reason()).contains("13");
        });
    }

    @Test
    void trailingLengthMismatchIsDamage() throws IOException {
        byte[] bad = CaptureBuilder.pcapng().iface(LinkType.ETHERNET).packet(T, FRAME).bytes();
        bad[bad.length - 4]++;
        assertThatThrownBy(() -> Read.all(bad)).isInstanceOfSatisfying(CaptureFormatException.class,
                e -> assertThat(e.offset()).isEqualTo(48));
    }

    @Test
    void blockClaimingFourGigabytesFailsFastWithoutAllocating() throws IOException {
        byte[] header = CaptureBuilder.pcapng().iface(LinkType.ETHERNET).packet(T, FRAME).bytes();
        byte[] file = Arrays.copyOf(header, header.length + 64);
        int at = header.length;
        // Unknown block type 0x77 with total length 0xfffffffc.
        file[at] = 0x77;
        file[at + 4] = (byte) 0xfc;
        file[at + 5] = (byte) 0xff;
        file[at + 6] = (byte) 0xff;
        file[at + 7] = (byte) 0xff;
        long start = System.nanoTime();
        try (CaptureReader reader = Read.open(file)) {
            assertThat(reader.next()).isNotNull();
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(CaptureFormatException.class, e -> {
                assertThat(e.offset()).isEqualTo(at);
                assertThat(e.reason()).startsWith("block cut short: 4294967292 bytes announced");
            });
        }
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void packetBlockClaimingAHugeCapturedLengthIsDamage() throws IOException {
        byte[] file = CaptureBuilder.pcapng().iface(LinkType.ETHERNET).packet(T, FRAME).bytes();
        int epb = 48;
        file[epb + 8 + 12 + 3] = 0x7f; // captured length 0x7f00003d
        assertThatThrownBy(() -> Read.all(file)).isInstanceOfSatisfying(CaptureFormatException.class,
                e -> assertThat(e.offset()).isEqualTo(epb));
    }

    @Test
    void blockCutShortAtEndOfFile() throws IOException {
        byte[] whole = CaptureBuilder.pcapng().iface(LinkType.ETHERNET).packet(T, FRAME).packet(T, FRAME).bytes();
        byte[] cut = Arrays.copyOf(whole, whole.length - 30);
        try (CaptureReader reader = Read.open(cut)) {
            assertThat(reader.next()).isNotNull();
            assertThatThrownBy(reader::next).isInstanceOf(CaptureFormatException.class)
                    .hasMessageContaining("cut short");
        }
    }

    @Test
    void packetCommentIsReadAndOptionsAfterDataAreSkipped() throws IOException {
        byte[] file = CaptureBuilder.pcapng().iface(LinkType.RAW)
                .epb(0, T, FRAME.length, FRAME, "just a note").epb(0, T, FRAME.length, FRAME, "u-77").bytes();
        List<CapturedPacket> packets = Read.all(file);
        assertThat(packets).hasSize(2);
        assertThat(packets.get(0).app()).isNull();
        // FRAME is 61 bytes: the comment sits after 3 bytes of padding.
        assertThat(packets.get(1).app()).isEqualTo(new AppAttribution(77, null, null));
        assertThat(packets.get(0).data()).isEqualTo(FRAME);
    }
}
