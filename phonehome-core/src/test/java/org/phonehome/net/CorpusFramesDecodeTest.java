package org.phonehome.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.phonehome.Counters;
import org.phonehome.capture.CapturedPacket;

/**
 * Compares the decoder with tshark on real captures: {@code PHONEHOME_CORPUS} names a directory with
 * {@code captures/*.pcap} and {@code expected/<file>.frames.tsv}. Read only; classic pcap files only (a throwaway
 * reader here, until the capture stage has its own).
 */
@EnabledIfEnvironmentVariable(named = "PHONEHOME_CORPUS", matches = ".+")
class CorpusFramesDecodeTest {

    private static final java.util.Set<String> MALFORMED_TRANSPORT = java.util.Set.of(
            NetCounters.TRUNCATED_TCP_HEADER, NetCounters.BAD_TCP_HEADER_LENGTH,
            NetCounters.TRUNCATED_UDP_HEADER, NetCounters.BAD_UDP_LENGTH);

    @Test
    void addressesAndPortsMatchTshark() throws IOException {
        Path corpus = Path.of(System.getenv("PHONEHOME_CORPUS"));
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus.resolve("captures"))) {
            files = s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
        Counters total = new Counters();
        Map<String, Long> mismatches = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        long frames = 0;
        long compared = 0;
        for (Path file : files) {
            Path tsv = corpus.resolve("expected").resolve(file.getFileName() + ".frames.tsv");
            if (!Files.exists(tsv)) {
                continue;
            }
            Map<Long, String[]> expected = readTsv(tsv);
            Counters counters = new Counters();
            PacketDecoder decoder = new PacketDecoder(counters);
            for (CapturedPacket frame : readPcap(file)) {
                frames++;
                long tunnelsBefore = counters.get(NetCounters.TUNNELLED);
                Map<String, Long> before = counters.snapshot();
                TransportPacket p = decoder.decode(frame);
                String outcome = changed(before, counters.snapshot());
                String[] row = expected.get(frame.frameNumber());
                if (row == null) {
                    continue;
                }
                String problem = compare(p, row, outcome, counters.get(NetCounters.TUNNELLED) > tunnelsBefore);
                compared++;
                if (problem != null) {
                    mismatches.merge(problem, 1L, Long::sum);
                    if (examples.size() < 60 && !file.getFileName().toString().equals("ndpi_badpackets.pcap")) {
                        examples.add(file.getFileName() + " #" + frame.frameNumber() + ": " + problem + " ("
                                + outcome + ") tshark=" + String.join("|", row));
                    }
                }
            }
            decoder.finish();
            if (counters.get(NetCounters.UNSUPPORTED_LINK_TYPE) > 0) {
                System.out.println("corpus: unsupported link type in " + file.getFileName());
            }
            total.addAll(counters);
        }
        System.out.println("corpus: " + files.size() + " pcap files, " + frames + " frames, " + compared
                + " compared");
        System.out.println("corpus counters: " + total);
        System.out.println("corpus mismatches: " + mismatches);
        examples.forEach(e -> System.out.println("  " + e));
        assertThat(total.get(NetCounters.DECODER_ERROR)).isZero();
        assertThat(mismatches).isEmpty();
    }

    private static String changed(Map<String, Long> before, Map<String, Long> after) {
        for (Map.Entry<String, Long> e : after.entrySet()) {
            String k = e.getKey();
            if ((k.startsWith(NetCounters.DECODED) || k.startsWith(NetCounters.UNDECODED))
                    && !e.getValue().equals(before.get(k))) {
                return k;
            }
        }
        return "?";
    }

    /** Null when the packet agrees with the TSV row, else a short mismatch category. */
    private static String compare(TransportPacket p, String[] row, String outcome, boolean tunnelled) {
        String tcpSrc = col(row, 8);
        String udpSrc = col(row, 9);
        String tcpDst = col(row, 10);
        String udpDst = col(row, 11);
        boolean tsharkPorts = !tcpSrc.isEmpty() || !udpSrc.isEmpty();
        if (p == null) {
            if (tsharkPorts && !outcome.equals(NetCounters.ICMP) && !outcome.equals(NetCounters.ICMPV6)) {
                // tshark prints the ports of a malformed TCP/UDP header too; we count such a frame undecoded.
                return MALFORMED_TRANSPORT.contains(outcome) ? null : "tshark has ports, we have none";
            }
            return null;
        }
        String srcPort = p.isTcp() ? tcpSrc : udpSrc;
        String dstPort = p.isTcp() ? tcpDst : udpDst;
        if (!srcPort.equals(Integer.toString(p.srcPort())) || !dstPort.equals(Integer.toString(p.dstPort()))) {
            return "ports differ";
        }
        if (tunnelled) {
            return null; // tshark's first address is the outer header's
        }
        String src = p.src().version() == 4 ? col(row, 4) : col(row, 5);
        String dst = p.dst().version() == 4 ? col(row, 6) : col(row, 7);
        if (!src.equals(p.src().toString()) || !dst.equals(p.dst().toString())) {
            return "addresses differ";
        }
        return null;
    }

    private static String col(String[] row, int i) {
        return i < row.length ? row[i] : "";
    }

    private static Map<Long, String[]> readTsv(Path tsv) throws IOException {
        Map<Long, String[]> rows = new HashMap<>();
        List<String> lines = Files.readAllLines(tsv);
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split("\t", -1);
            rows.put(Long.parseLong(row[0]), row);
        }
        return rows;
    }

    /** A classic pcap reader: µs or ns magic, either byte order. Stops at the first truncated record. */
    private static List<CapturedPacket> readPcap(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        List<CapturedPacket> out = new ArrayList<>();
        if (b.remaining() < 24) {
            return out;
        }
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = b.getInt(0);
        }
        boolean nanos = magic == 0xa1b23c4d;
        int linkType = b.getInt(20) & 0xffff;
        int pos = 24;
        long number = 0;
        while (pos + 16 <= b.limit()) {
            long seconds = b.getInt(pos) & 0xffffffffL;
            long fraction = b.getInt(pos + 4) & 0xffffffffL;
            int captured = b.getInt(pos + 8);
            int original = b.getInt(pos + 12);
            pos += 16;
            if (captured < 0 || pos + captured > b.limit()) {
                break;
            }
            byte[] data = new byte[captured];
            b.get(pos, data);
            pos += captured;
            long time = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000);
            out.add(new CapturedPacket(++number, time, linkType, original, data, 0, null));
        }
        return out;
    }
}
