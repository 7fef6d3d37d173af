package org.phonehome.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.phonehome.Counters;
import org.phonehome.flow.Direction;
import org.phonehome.flow.FlowConfig;
import org.phonehome.flow.FlowInfo;
import org.phonehome.flow.FlowListener;
import org.phonehome.flow.FlowTable;
import org.phonehome.flow.StreamChunk;
import org.phonehome.flow.StreamSink;
import org.phonehome.flow.TcpLimits;
import org.phonehome.flow.TcpReassembler;
import org.phonehome.net.IpAddress;
import org.phonehome.net.PacketDecoder;
import org.phonehome.net.TransportPacket;

/**
 * FlowTable (flow lookup + TcpReassembler both ways) fed 64 interleaved TCP connections, in order or with some
 * reordering and retransmissions; and one reassembler alone on a 1 MiB in-order stream. Score: batches/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TcpReassemblyBench {
    static final int CONNECTIONS = 64;
    static final int REQUEST_BYTES = 2 << 10;
    static final int RESPONSE_BYTES = 32 << 10;
    static final int STREAM_BYTES = 1 << 20;
    private static final int MSS = 1448;
    private static final IpAddress PHONE = IpAddress.parse("10.0.0.2");

    private TransportPacket[] inOrder;
    private TransportPacket[] reordered;
    private TransportPacket[] stream;
    private long payloadBytes;

    /** Builds the packets from seed 1 and checks that every variant delivers every byte, without a gap. */
    @Setup
    public void setUp() {
        inOrder = connections(new Random(1), false);
        reordered = connections(new Random(1), true);
        stream = oneStream(new Random(1));
        payloadBytes = (long) CONNECTIONS * (REQUEST_BYTES + RESPONSE_BYTES);
        Delivered d = new Delivered();
        feed(inOrder, d);
        check(d, payloadBytes, "in order");
        d = new Delivered();
        feed(reordered, d);
        check(d, payloadBytes, "reordered");
        d = new Delivered();
        reassemble(stream, d);
        check(d, STREAM_BYTES, "one stream");
    }

    private static void check(Delivered d, long expected, String what) {
        if (d.bytes != expected || d.gaps != 0) {
            throw new IllegalStateException(what + ": delivered " + d.bytes + " of " + expected + ", gaps " + d.gaps);
        }
    }

    /** All 64 connections through a new FlowTable, in order. */
    @Benchmark
    public void flowTableInOrder(Blackhole bh, ByteCounter counter) {
        Delivered d = new Delivered();
        feed(inOrder, d);
        d.report(bh, counter);
    }

    /** All 64 connections through a new FlowTable, about 10 % of data segments swapped, 3 % sent twice. */
    @Benchmark
    public void flowTableReordered(Blackhole bh, ByteCounter counter) {
        Delivered d = new Delivered();
        feed(reordered, d);
        d.report(bh, counter);
    }

    /** One TcpReassembler alone: a 1 MiB stream in 1448-byte segments, in order. */
    @Benchmark
    public void reassemblerInOrder(Blackhole bh, ByteCounter counter) {
        Delivered d = new Delivered();
        reassemble(stream, d);
        d.report(bh, counter);
    }

    private static void feed(TransportPacket[] packets, Delivered d) {
        FlowTable table = new FlowTable(FlowConfig.defaults(), d, new Counters());
        for (TransportPacket p : packets) {
            table.packet(p);
        }
        table.finish();
    }

    private static void reassemble(TransportPacket[] packets, Delivered d) {
        TcpReassembler r = new TcpReassembler(TcpLimits.DEFAULT, d);
        for (TransportPacket p : packets) {
            r.segment(p.seq(), p.tcpFlags(), p.payload(), p.payloadOffset(), p.payloadLength(), p.frameNumber(),
                    p.timestampNanos());
        }
        r.finish();
    }

    /** Counts what comes out of the flow table or a reassembler. */
    private static final class Delivered implements FlowListener, StreamSink {
        long bytes;
        long gaps;
        long checksum;

        void report(Blackhole bh, ByteCounter counter) {
            bh.consume(checksum);
            counter.bytes += bytes;
        }

        @Override
        public void payload(FlowInfo flow, Direction direction, StreamChunk chunk) {
            data(chunk);
        }

        @Override
        public void gap(FlowInfo flow, Direction direction, long streamOffset, long length) {
            gaps++;
        }

        @Override
        public void data(StreamChunk chunk) {
            bytes += chunk.length();
            checksum += chunk.data()[chunk.offset()] + chunk.streamOffset();
        }

        @Override
        public void gap(long streamOffset, long length) {
            gaps++;
        }
    }

    /** The connections' packets, interleaved at random (each connection's own order kept). */
    private static TransportPacket[] connections(Random random, boolean disorder) {
        List<List<byte[]>> perConnection = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            perConnection.add(connection(random, c, disorder));
        }
        List<byte[]> frames = new ArrayList<>();
        int[] next = new int[CONNECTIONS];
        int open = CONNECTIONS;
        while (open > 0) {
            int c = random.nextInt(CONNECTIONS);
            List<byte[]> own = perConnection.get(c);
            if (next[c] < own.size()) {
                frames.add(own.get(next[c]++));
                if (next[c] == own.size()) {
                    open--;
                }
            }
        }
        return decode(frames);
    }

    /** Handshake, a request, a response with an ACK every second segment, FINs both ways. */
    private static List<byte[]> connection(Random random, int c, boolean disorder) {
        IpAddress server = IpAddress.parse("93.184.216." + (1 + c % 8));
        int port = 40_000 + c;
        long cs = random.nextInt() & 0xffffffffL;
        long ss = random.nextInt() & 0xffffffffL;
        int syn = TransportPacket.SYN;
        int ack = TransportPacket.ACK;
        int data = TransportPacket.PSH | ack;
        int fin = TransportPacket.FIN | ack;
        List<byte[]> out = new ArrayList<>();
        out.add(Wire.tcp(PHONE, port, server, 443, cs, 0, syn, new byte[0]));
        out.add(Wire.tcp(server, 443, PHONE, port, ss, cs + 1, syn | ack, new byte[0]));
        cs++;
        ss++;
        out.add(Wire.tcp(PHONE, port, server, 443, cs, ss, ack, new byte[0]));
        List<byte[]> request = new ArrayList<>();
        for (int o = 0; o < REQUEST_BYTES; o += MSS) {
            byte[] p = Corpus.randomBytes(random, Math.min(MSS, REQUEST_BYTES - o));
            request.add(Wire.tcp(PHONE, port, server, 443, cs + o, ss, data, p));
        }
        out.addAll(disorder ? disorder(random, request) : request);
        cs += REQUEST_BYTES;
        List<byte[]> response = new ArrayList<>();
        for (int o = 0, k = 0; o < RESPONSE_BYTES; o += MSS, k++) {
            byte[] p = Corpus.randomBytes(random, Math.min(MSS, RESPONSE_BYTES - o));
            response.add(Wire.tcp(server, 443, PHONE, port, ss + o, cs, data, p));
            if (k % 2 == 1) {
                response.add(Wire.tcp(PHONE, port, server, 443, cs, ss + o + p.length, ack, new byte[0]));
            }
        }
        out.addAll(disorder ? disorder(random, response) : response);
        ss += RESPONSE_BYTES;
        out.add(Wire.tcp(PHONE, port, server, 443, cs, ss, fin, new byte[0]));
        out.add(Wire.tcp(server, 443, PHONE, port, ss, cs + 1, fin, new byte[0]));
        out.add(Wire.tcp(PHONE, port, server, 443, cs + 1, ss + 1, ack, new byte[0]));
        return out;
    }

    /** About 10 % of neighbours swapped, 3 % of frames sent again two frames later. */
    private static List<byte[]> disorder(Random random, List<byte[]> frames) {
        List<byte[]> out = new ArrayList<>(frames);
        for (int i = 0; i + 1 < out.size(); i++) {
            if (random.nextInt(100) < 10) {
                out.set(i, out.set(i + 1, out.get(i)));
                i++;
            }
        }
        for (int i = out.size() - 1; i >= 0; i--) {
            if (random.nextInt(100) < 3) {
                out.add(Math.min(out.size(), i + 3), out.get(i));
            }
        }
        return out;
    }

    /** One direction of one connection: SYN, then 1 MiB in MSS-sized segments. */
    private static TransportPacket[] oneStream(Random random) {
        IpAddress server = IpAddress.parse("93.184.216.1");
        long seq = random.nextInt() & 0xffffffffL;
        List<byte[]> frames = new ArrayList<>();
        frames.add(Wire.tcp(server, 443, PHONE, 40_000, seq, 1, TransportPacket.SYN | TransportPacket.ACK,
                new byte[0]));
        for (int o = 0; o < STREAM_BYTES; o += MSS) {
            frames.add(Wire.tcp(server, 443, PHONE, 40_000, seq + 1 + o, 1, TransportPacket.ACK,
                    Corpus.randomBytes(random, Math.min(MSS, STREAM_BYTES - o))));
        }
        return decode(frames);
    }

    private static TransportPacket[] decode(List<byte[]> frames) {
        PacketDecoder decoder = new PacketDecoder(new Counters());
        TransportPacket[] out = new TransportPacket[frames.size()];
        long time = 1_700_000_000_000_000_000L;
        for (int i = 0; i < out.length; i++) {
            time += 100_000;
            out[i] = decoder.decode(Wire.captured(i + 1, time, frames.get(i)));
        }
        return out;
    }

}
