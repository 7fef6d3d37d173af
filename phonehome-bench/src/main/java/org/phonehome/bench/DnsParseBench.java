package org.phonehome.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.phonehome.proto.dns.DnsMessage;
import org.phonehome.proto.dns.DnsParser;

/**
 * DnsParser over the messages of 512 exchanges, as a phone's resolver traffic has them: a query with one question
 * (and an EDNS OPT record half the time), then its response with compressed owner names, a CNAME chain of 0-2
 * links and 1-4 A or AAAA records. Score in messages/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DnsParseBench {
    static final int EXCHANGES = 512;
    static final int MESSAGES = 2 * EXCHANGES;
    private static final String[] ZONES = {"googlevideo.com", "xiaomi.com", "qq.com", "akamaized.net",
        "googleapis.com", "miui.com", "gstatic.com", "fbcdn.net", "baidu.com", "weixin.qq.com"};

    private byte[][] messages;
    private long messageBytes;
    /** One parser for every message, as each worker of an audit keeps one. */
    private final DnsParser parser = new DnsParser();

    /** The 512 exchanges from seed 1; each message must parse whole (no anomaly). */
    @Setup
    public void setUp() {
        Random random = new Random(1);
        messages = new byte[MESSAGES][];
        for (int i = 0; i < EXCHANGES; i++) {
            String name = host(random);
            boolean aaaa = random.nextInt(4) == 0;
            boolean edns = random.nextBoolean();
            int id = random.nextInt(0x10000);
            messages[2 * i] = query(id, name, aaaa, edns);
            messages[2 * i + 1] = response(random, id, name, aaaa, edns);
        }
        for (byte[] m : messages) {
            DnsMessage parsed = DnsParser.parseOne(m, 0, m.length);
            if (parsed == null || parsed.anomaly() != null || parsed.questions().size() != 1) {
                throw new IllegalStateException("a benchmark message did not parse whole");
            }
            messageBytes += m.length;
        }
    }

    private static String host(Random random) {
        String zone = ZONES[random.nextInt(ZONES.length)];
        return switch (random.nextInt(3)) {
            case 0 -> "rr" + random.nextInt(9) + "---sn-" + Long.toString(random.nextLong() >>> 24, 36) + "." + zone;
            case 1 -> "api." + zone;
            default -> "data.mistat.intl." + zone;
        };
    }

    private static byte[] query(int id, String name, boolean aaaa, boolean edns) {
        Wire w = new Wire();
        w.u16(id).u16(0x0100).u16(1).u16(0).u16(0).u16(edns ? 1 : 0);
        w.name(name).u16(aaaa ? 28 : 1).u16(1);
        if (edns) {
            w.u8(0).u16(41).u16(1232).u32(0).u16(0);
        }
        return w.bytes();
    }

    private static byte[] response(Random random, int id, String name, boolean aaaa, boolean edns) {
        int cnames = random.nextInt(3);
        int addresses = 1 + random.nextInt(4);
        Wire w = new Wire();
        w.u16(id).u16(0x8180).u16(1).u16(cnames + addresses).u16(0).u16(edns ? 1 : 0);
        int owner = w.size();
        w.name(name).u16(aaaa ? 28 : 1).u16(1);
        for (int c = 0; c < cnames; c++) {
            w.pointer(owner).u16(5).u16(1).u32(300);
            int rdlength = w.size();
            w.u16(0);
            owner = w.size();
            w.name("edge" + c + "-" + random.nextInt(1000) + ".cdn." + ZONES[random.nextInt(ZONES.length)]);
            w.patch(rdlength, w.size() - rdlength - 2);
        }
        for (int a = 0; a < addresses; a++) {
            w.pointer(owner).u16(aaaa ? 28 : 1).u16(1).u32(60).u16(aaaa ? 16 : 4);
            for (int k = 0; k < (aaaa ? 16 : 4); k++) {
                w.u8(random.nextInt(256));
            }
        }
        if (edns) {
            w.u8(0).u16(41).u16(1232).u32(0).u16(0);
        }
        return w.bytes();
    }

    /** Parses the 1024 messages once. */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void parse(Blackhole bh, ByteCounter counter) {
        for (byte[] m : messages) {
            bh.consume(parser.parse(m, 0, m.length));
        }
        counter.bytes += messageBytes;
    }

    /** DNS wire format, written field by field. */
    private static final class Wire {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Wire u8(int v) {
            out.write(v);
            return this;
        }

        Wire u16(int v) {
            return u8(v >>> 8).u8(v & 0xff);
        }

        Wire u32(long v) {
            return u16((int) (v >>> 16)).u16((int) v & 0xffff);
        }

        Wire name(String dotted) {
            for (String label : dotted.split("\\.")) {
                u8(label.length());
                out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
            }
            return u8(0);
        }

        Wire pointer(int offset) {
            return u16(0xc000 | offset);
        }

        int size() {
            return out.size();
        }

        /** Writes {@code v} as the u16 at {@code at} (a length known only after what follows it). */
        void patch(int at, int v) {
            byte[] b = out.toByteArray();
            b[at] = (byte) (v >>> 8);
            b[at + 1] = (byte) v;
            out.reset();
            out.writeBytes(b);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
