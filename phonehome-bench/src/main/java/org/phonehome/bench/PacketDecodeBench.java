package org.phonehome.bench;

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
import org.phonehome.Counters;
import org.phonehome.capture.CapturedPacket;
import org.phonehome.net.IpAddress;
import org.phonehome.net.PacketDecoder;
import org.phonehome.net.TransportPacket;

/** PacketDecoder over a mix of Ethernet/IPv4/IPv6 TCP (data and pure ACKs) and UDP frames: score in frames/s. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PacketDecodeBench {
    static final int FRAMES = 1024;
    private static final IpAddress PHONE = IpAddress.parse("10.0.0.2");
    private static final IpAddress SERVER = IpAddress.parse("93.184.216.34");
    private static final IpAddress PHONE6 = IpAddress.parse("2001:db8::2");
    private static final IpAddress SERVER6 = IpAddress.parse("2001:db8:1::80");

    private CapturedPacket[] frames;
    private long frameBytes;
    private PacketDecoder decoder;

    /**
     * 1024 frames from seed 1: 40 % IPv4 TCP data (200-1448 bytes), 25 % IPv4 TCP pure ACKs, 10 % IPv4 UDP
     * (DNS-sized or QUIC-sized), 15 % IPv6 TCP data, 10 % IPv6 UDP.
     */
    @Setup
    public void setUp() {
        Random random = new Random(1);
        frames = new CapturedPacket[FRAMES];
        long time = 1_700_000_000_000_000_000L;
        for (int i = 0; i < FRAMES; i++) {
            int kind = random.nextInt(100);
            boolean out = random.nextBoolean();
            boolean v6 = kind >= 75;
            IpAddress phone = v6 ? PHONE6 : PHONE;
            IpAddress server = v6 ? SERVER6 : SERVER;
            IpAddress src = out ? phone : server;
            IpAddress dst = out ? server : phone;
            int phonePort = 40_000 + random.nextInt(64);
            int sport = out ? phonePort : 443;
            int dport = out ? 443 : phonePort;
            long seq = random.nextInt() & 0xffffffffL;
            long ack = random.nextInt() & 0xffffffffL;
            byte[] frame;
            if (kind < 40 || kind >= 75 && kind < 90) {
                frame = Wire.tcp(src, sport, dst, dport, seq, ack, TransportPacket.PSH | TransportPacket.ACK,
                        Corpus.randomBytes(random, 200 + random.nextInt(1249)));
            } else if (kind < 65) {
                frame = Wire.tcp(src, sport, dst, dport, seq, ack, TransportPacket.ACK, new byte[0]);
            } else {
                int size = random.nextBoolean() ? 40 + random.nextInt(81) : 1200 + random.nextInt(151);
                frame = Wire.udp(src, sport, dst, size < 200 ? 53 : 443, Corpus.randomBytes(random, size));
            }
            time += 50_000 + random.nextInt(100_000);
            frames[i] = Wire.captured(i + 1, time, frame);
            frameBytes += frame.length;
        }
        decoder = new PacketDecoder(new Counters());
        for (CapturedPacket f : frames) {
            if (decoder.decode(f) == null) {
                throw new IllegalStateException("frame " + f.frameNumber() + " did not decode");
            }
        }
    }


    /** Decodes the 1024 frames once. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void decode(Blackhole bh, ByteCounter counter) {
        PacketDecoder d = decoder;
        for (CapturedPacket f : frames) {
            bh.consume(d.decode(f));
        }
        counter.bytes += frameBytes;
    }
}
