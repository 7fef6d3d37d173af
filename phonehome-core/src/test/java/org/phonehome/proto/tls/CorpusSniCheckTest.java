package org.phonehome.proto.tls;

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
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.quic.QuicInitialParser;
import org.phonehome.proto.quic.QuicSink;

/**
 * A throwaway check against tshark's answers on real captures, read in place (never copied): SNIs of TLS and
 * QUIC ClientHellos. Only classic pcap with Ethernet, raw IP, SLL or null links; TCP reassembly here is naive
 * (in-order segments only), so this reports rather than asserts. Runs only when {@code PHONEHOME_CORPUS} names the
 * corpus folder (the one holding {@code captures/} and {@code expected/}).
 */
@EnabledIfEnvironmentVariable(named = "PHONEHOME_CORPUS", matches = ".+")
class CorpusSniCheckTest {

    @Test
    void snisMatchTshark() throws IOException {
        Path corpus = Path.of(System.getenv("PHONEHOME_CORPUS"));
        int files = 0;
        int matched = 0;
        List<String> report = new ArrayList<>();
        try (Stream<Path> expected = Files.list(corpus.resolve("expected"))) {
            for (Path e : expected.sorted().toList()) {
                String name = e.getFileName().toString();
                boolean tls = name.endsWith(".tls_sni.tsv");
                boolean quic = name.endsWith(".quic_sni.tsv");
                if (!tls && !quic) {
                    continue;
                }
                Path capture = corpus.resolve("captures").resolve(name.substring(0, name.lastIndexOf(".",
                        name.length() - 5)));
                Map<String, Integer> want = expectedSnis(e, tls ? 5 : 6);
                Map<String, Integer> got = ourSnis(capture, tls);
                if (got == null) {
                    continue;
                }
                files++;
                if (got.equals(want)) {
                    matched++;
                } else {
                    report.add(name + ": tshark " + want + " ours " + got);
                }
            }
        }
        System.out.println("corpus SNI check: " + matched + "/" + files + " files match");
        report.forEach(System.out::println);
        assertThat(files).isPositive();
    }

    private static Map<String, Integer> expectedSnis(Path tsv, int column) throws IOException {
        Map<String, Integer> snis = new TreeMap<>();
        List<String> lines = Files.readAllLines(tsv);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] cols = line.split("\t", -1);
            if (cols.length > column && !cols[column].isEmpty()) {
                for (String sni : cols[column].split(",")) {
                    snis.merge(sni, 1, Integer::sum);
                }
            }
        }
        return snis;
    }

    /** The SNIs we find, or null when the capture is not a format this helper reads. */
    private static Map<String, Integer> ourSnis(Path capture, boolean tls) throws IOException {
        if (!Files.exists(capture)) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(capture));
        if (buf.remaining() < 24) {
            return null;
        }
        int magic = buf.getInt(0);
        if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) {
            buf.order(ByteOrder.LITTLE_ENDIAN);
        } else if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            return null;
        }
        int link = buf.getInt(20) & 0xffff;
        Map<String, Integer> snis = new TreeMap<>();
        Map<String, TlsParser> tlsFlows = new HashMap<>();
        Map<String, QuicInitialParser> quicFlows = new HashMap<>();
        Map<String, long[]> nextSeq = new HashMap<>();
        TlsSink tlsSink = new TlsSink() {
            public void clientHello(ClientHello ch, long f, long t) {
                if (ch.sni() != null) {
                    snis.merge(ch.sni(), 1, Integer::sum);
                }
            }

            public void serverHello(ServerHello sh, long f, long t) {
            }

            public void certificates(List<CertificateInfo> c, long f, long t) {
            }

            public void anomaly(String n) {
            }
        };
        QuicSink quicSink = new QuicSink() {
            public void clientHello(ClientHello ch, long f, long t) {
                if (ch.sni() != null) {
                    snis.merge(ch.sni(), 1, Integer::sum);
                }
            }

            public void anomaly(String n) {
            }
        };
        int pos = 24;
        long frame = 0;
        byte[] all = buf.array();
        while (pos + 16 <= all.length) {
            int incl = buf.getInt(pos + 8);
            if (incl < 0 || pos + 16 + incl > all.length) {
                break;
            }
            frame++;
            int p = pos + 16;
            int end = p + incl;
            pos = end;
            int ipAt = switch (link) {
                case 1 -> {
                    int at = p + 12;
                    int type = u16(all, at);
                    while (type == 0x8100 || type == 0x88a8) {
                        at += 4;
                        type = u16(all, at);
                    }
                    yield type == 0x0800 || type == 0x86dd ? at + 2 : -1;
                }
                case 101, 228, 229 -> p;
                case 113 -> p + 16;
                case 0 -> p + 4;
                default -> -2;
            };
            if (ipAt == -2) {
                return null;
            }
            if (ipAt < 0 || ipAt >= end) {
                continue;
            }
            int version = (all[ipAt] & 0xff) >> 4;
            int proto;
            int l4;
            String src;
            String dst;
            if (version == 4) {
                proto = all[ipAt + 9] & 0xff;
                l4 = ipAt + (all[ipAt] & 0x0f) * 4;
                end = Math.min(end, ipAt + u16(all, ipAt + 2));
                src = hex(all, ipAt + 12, 4);
                dst = hex(all, ipAt + 16, 4);
            } else if (version == 6) {
                proto = all[ipAt + 6] & 0xff;
                l4 = ipAt + 40;
                end = Math.min(end, l4 + u16(all, ipAt + 4));
                src = hex(all, ipAt + 8, 16);
                dst = hex(all, ipAt + 24, 16);
            } else {
                continue;
            }
            if (l4 + 8 > end) {
                continue;
            }
            int sport = u16(all, l4);
            int dport = u16(all, l4 + 2);
            String a = src + ":" + sport;
            String b = dst + ":" + dport;
            String key = a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a;
            if (tls && proto == 6 && l4 + 20 <= end) {
                int dataAt = l4 + ((all[l4 + 12] & 0xff) >> 4) * 4;
                long seq = ((long) u16(all, l4 + 4) << 16) | u16(all, l4 + 6);
                boolean syn = (all[l4 + 13] & 0x02) != 0;
                // the side that first sends to port 443-ish or sends the SYN is "outbound"; good enough here
                Direction d = a.compareTo(b) < 0 ? Direction.OUTBOUND : Direction.INBOUND;
                long[] next = nextSeq.computeIfAbsent(key, k -> new long[] {-1, -1});
                int i = d.ordinal();
                if (syn) {
                    next[i] = (seq + 1) & 0xffffffffL;
                    continue;
                }
                int len = end - dataAt;
                if (len <= 0) {
                    continue;
                }
                if (next[i] == -1) {
                    next[i] = seq;
                }
                if (seq != next[i]) {
                    continue;
                }
                next[i] = (seq + len) & 0xffffffffL;
                TlsParser parser = tlsFlows.computeIfAbsent(key, k -> new TlsParser(tlsSink));
                parser.data(d, new StreamChunk(all, dataAt, len, 0, frame, 0));
            } else if (!tls && proto == 17) {
                int len = end - (l4 + 8);
                if (len <= 0) {
                    continue;
                }
                // the client is whoever sends the first datagram that looks like an Initial
                QuicInitialParser parser = quicFlows.get(key + a);
                if (parser == null && quicFlows.get(key + b) == null
                        && QuicInitialParser.looksLikeQuicInitial(all, l4 + 8, len)) {
                    parser = new QuicInitialParser(quicSink);
                    quicFlows.put(key + a, parser);
                }
                if (parser != null) {
                    parser.datagram(Direction.OUTBOUND, new StreamChunk(all, l4 + 8, len, 0, frame, 0));
                } else if (quicFlows.get(key + b) != null) {
                    quicFlows.get(key + b).datagram(Direction.INBOUND, new StreamChunk(all, l4 + 8, len, 0, frame, 0));
                }
            }
        }
        return snis;
    }

    private static int u16(byte[] b, int at) {
        return at + 1 < b.length ? ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff) : 0;
    }

    private static String hex(byte[] b, int at, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(String.format("%02x", b[at + i]));
        }
        return s.toString();
    }
}
