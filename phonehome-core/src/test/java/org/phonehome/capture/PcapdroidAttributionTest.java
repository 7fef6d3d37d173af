package org.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phonehome.testing.CaptureBuilder;
import org.phonehome.testing.PcapngBuilder;

class PcapdroidAttributionTest {
    private static final long T = 1_650_000_000_000_000_000L;
    private static final byte[] FRAME = Read.bytes(14 + 40, 0x45);

    @Test
    void pcapTrailerAttributesTheFrameAndStaysInTheData() throws IOException {
        byte[] frame = CaptureBuilder.withPcapdroidTrailer(FRAME, 10123, "com.example.app");
        byte[] file = CaptureBuilder.pcap(LinkType.ETHERNET).packet(T, frame).packet(T, FRAME).bytes();
        try (CaptureReader reader = Read.open(file)) {
            List<CapturedPacket> packets = Read.all(reader);
            CapturedPacket p = packets.get(0);
            assertThat(p.app()).isEqualTo(new AppAttribution(10123, "com.example.app", "com.example.app"));
            assertThat(p.data()).isEqualTo(frame);
            assertThat(packets.get(1).app()).isNull();
            assertThat(reader.counters().get("pcapdroid_trailer")).isEqualTo(1);
            assertThat(reader.counters().get("pcapdroid_trailer_bad_crc")).isZero();
        }
    }

    @Test
    void trailerNameWithoutADotIsOnlyTheAppName() throws IOException {
        byte[] frame = CaptureBuilder.withPcapdroidTrailer(FRAME, 1000, "Android System");
        CapturedPacket p = Read.all(CaptureBuilder.pcap(LinkType.ETHERNET).packet(T, frame).bytes()).get(0);
        assertThat(p.app()).isEqualTo(new AppAttribution(1000, null, "Android System"));
        assertThat(p.app().label()).isEqualTo("Android System");
    }

    @Test
    void trailerWithBadCrcStillAttributesButIsCounted() throws IOException {
        byte[] frame = CaptureBuilder.withPcapdroidTrailer(FRAME, 10001, "org.x");
        frame[frame.length - 1] ^= 1;
        try (CaptureReader reader = Read.open(CaptureBuilder.pcap(LinkType.ETHERNET).packet(T, frame).bytes())) {
            assertThat(reader.next().app().uid()).isEqualTo(10001);
            assertThat(reader.counters().get("pcapdroid_trailer_bad_crc")).isEqualTo(1);
        }
    }

    @Test
    void trailerIsOnlyLookedForOnEthernet() throws IOException {
        byte[] frame = CaptureBuilder.withPcapdroidTrailer(FRAME, 10001, "org.x");
        assertThat(Read.all(CaptureBuilder.pcap(LinkType.RAW).packet(T, frame).bytes()).get(0).app()).isNull();
    }

    @Test
    void pcapngUidMapAndCommentAttributeThePacket() throws IOException {
        byte[] file = CaptureBuilder.pcapng().iface(LinkType.RAW)
                .pcapdroidUidMap(10145, "com.miui.cloudservice", "Xiaomi Cloud")
                .epb(0, T, FRAME.length, FRAME, "u-10145")
                .epb(0, T, FRAME.length, FRAME, "u-10999")
                .packet(T, FRAME)
                .bytes();
        try (CaptureReader reader = Read.open(file)) {
            List<CapturedPacket> packets = Read.all(reader);
            assertThat(packets.get(0).app())
                    .isEqualTo(new AppAttribution(10145, "com.miui.cloudservice", "Xiaomi Cloud"));
            assertThat(packets.get(1).app()).isEqualTo(new AppAttribution(10999, null, null));
            assertThat(packets.get(2).app()).isNull();
            // The uid map block is a frame in Wireshark, so the first packet is frame 2.
            assertThat(packets.get(0).frameNumber()).isEqualTo(2);
            assertThat(reader.counters().get("pcapdroid_uid_map")).isEqualTo(1);
            assertThat(reader.counters().get("pcapdroid_comment")).isEqualTo(1);
            assertThat(reader.counters().get("pcapdroid_uid_unmapped")).isEqualTo(1);
        }
    }

    @Test
    void pcapngUidMapInBigEndianSection() throws IOException {
        byte[] file = CaptureBuilder.pcapng(java.nio.ByteOrder.BIG_ENDIAN).iface(LinkType.RAW)
                .pcapdroidUidMap(10145, "com.a", "A").epb(0, T, FRAME.length, FRAME, "u-10145").bytes();
        assertThat(Read.all(file).get(0).app()).isEqualTo(new AppAttribution(10145, "com.a", "A"));
    }

    @Test
    void customBlockOfAnotherVendorIsIgnored() throws IOException {
        byte[] file = CaptureBuilder.pcapng().iface(LinkType.RAW)
                .custom(PcapngBuilder.CUSTOM, 12345, Read.bytes(20, 1))
                .epb(0, T, FRAME.length, FRAME, "u-1").bytes();
        try (CaptureReader reader = Read.open(file)) {
            assertThat(reader.next().app()).isEqualTo(new AppAttribution(1, null, null));
            assertThat(reader.counters().get("pcapdroid_uid_map")).isZero();
        }
    }
}
