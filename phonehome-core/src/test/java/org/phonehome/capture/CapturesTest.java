package org.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonehome.testing.CaptureBuilder;

class CapturesTest {
    private static final long T = 1_600_000_000_000_001_000L;
    private static final byte[] FRAME = Read.bytes(54, 9);

    @Test
    void opensAPathAndNamesFramesFromOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.pcapng");
        Files.write(file, CaptureBuilder.pcap(LinkType.ETHERNET).packet(T, FRAME).bytes());
        try (CaptureReader reader = Captures.open(file)) {
            // The extension lies; the magic decides.
            assertThat(reader.format()).isEqualTo("pcap");
            assertThat(reader.next().frameNumber()).isEqualTo(1);
        }
    }

    @Test
    void gzipCompressedPcap() throws IOException {
        byte[] gz = CaptureBuilder.gzip(CaptureBuilder.pcap(LinkType.ETHERNET).packet(T, FRAME).bytes());
        assertThat(Read.all(gz)).singleElement().satisfies(p -> assertThat(p.data()).isEqualTo(FRAME));
    }

    @Test
    void gzipCompressedPcapng() throws IOException {
        byte[] gz = CaptureBuilder.gzip(CaptureBuilder.pcapng().iface(LinkType.RAW).packet(T, FRAME).bytes());
        try (CaptureReader reader = Read.open(gz)) {
            assertThat(reader.format()).isEqualTo("pcapng");
            assertThat(Read.all(reader)).hasSize(1);
        }
    }

    @Test
    void concatenatedGzipMembersReadAsOneStream() throws IOException {
        byte[] capture = CaptureBuilder.pcap(LinkType.ETHERNET).packet(T, FRAME).packet(T, FRAME).bytes();
        int half = 24 + 16 + FRAME.length;
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(CaptureBuilder.gzip(Arrays.copyOfRange(capture, 0, half)));
        both.write(CaptureBuilder.gzip(Arrays.copyOfRange(capture, half, capture.length)));
        assertThat(Read.all(both.toByteArray())).hasSize(2);
    }

    @Test
    void truncatedGzipIsDamageAfterTheGoodRecords() throws IOException {
        byte[] capture = CaptureBuilder.pcap(LinkType.ETHERNET).packet(T, Read.bytes(400_000 / 2, 1))
                .snaplen(0).bytes();
        byte[] gz = CaptureBuilder.gzip(capture);
        byte[] cut = Arrays.copyOf(gz, gz.length - 20);
        assertThatThrownBy(() -> Read.all(cut)).isInstanceOf(CaptureFormatException.class);
    }

    @Test
    void textIsNotACapture() {
        byte[] text = "Hello, world\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Captures.open(new ByteArrayInputStream(text), "x.txt"))
                .isInstanceOf(NotACaptureException.class)
                .hasMessage("x.txt is not a capture: expected a pcap or pcapng file"
                        + " (magic a1b2c3d4, a1b23c4d or 0a0d0d0a), found 48656c6c");
    }

    @Test
    void emptyFileIsNotACapture() {
        assertThatThrownBy(() -> Captures.open(new ByteArrayInputStream(new byte[0]), "empty.pcap"))
                .isInstanceOf(NotACaptureException.class)
                .hasMessage("empty.pcap is empty: expected a pcap or pcapng file");
    }

    @Test
    void twoByteFileIsNotACapture() {
        assertThatThrownBy(() -> Captures.open(new ByteArrayInputStream(new byte[] {(byte) 0xd4, (byte) 0xc3}),
                "short.pcap")).isInstanceOf(NotACaptureException.class).hasMessageEndingWith("found d4c3");
    }

    @Test
    void pcapHeaderCutShortIsDamage() {
        byte[] header = Arrays.copyOf(CaptureBuilder.pcap(LinkType.ETHERNET).bytes(), 10);
        assertThatThrownBy(() -> Read.all(header)).isInstanceOfSatisfying(CaptureFormatException.class,
                e -> assertThat(e.offset()).isZero());
    }

    @Test
    void headerOnlyPcapHasNoPackets() throws IOException {
        assertThat(Read.all(CaptureBuilder.pcap(LinkType.ETHERNET).bytes())).isEmpty();
    }

    @Test
    void sectionHeaderOnlyPcapngHasNoPackets() throws IOException {
        assertThat(Read.all(CaptureBuilder.pcapng().bytes())).isEmpty();
    }

    @Test
    void unsupportedPcapVersionIsDamage() {
        byte[] file = CaptureBuilder.pcap(LinkType.ETHERNET).version(3, 0).bytes();
        assertThatThrownBy(() -> Read.all(file)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("version 3.0");
    }
}
