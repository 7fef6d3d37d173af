package org.phonehome.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.flow.TestPackets.ACK;
import static org.phonehome.flow.TestPackets.FIN;
import static org.phonehome.flow.TestPackets.RST;
import static org.phonehome.flow.TestPackets.SYN;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.phonehome.Counters;
import org.phonehome.net.IpAddress;
import org.phonehome.net.TransportPacket;

/**
 * Flow tables fed as a parallel audit feeds them, each flow's packets to the worker {@link FlowAssignment} names,
 * end the same flows, with the same packets, as one table fed everything: whichever worker each new flow is given.
 */
class FlowAssignmentTest {

    private static final long TCP_IDLE = 100;
    /** Shorter than {@link #TCP_IDLE}, so that whether a connection is established decides which one applies. */
    private static final long TCP_NEW = 60;
    private static final long UDP_IDLE = 40;
    private static final long LINGER = 10;
    private static final FlowConfig CONFIG = new FlowConfig(null, TCP_IDLE, TCP_NEW, UDP_IDLE, LINGER, 1 << 20,
            FlowConfig.defaults().tcpLimits());
    private static final IpAddress[] HOSTS = {
        IpAddress.parse("192.168.31.7"), IpAddress.parse("203.0.113.5"), IpAddress.parse("198.51.100.9"),
        IpAddress.parse("2001:db8::1"), IpAddress.parse("2001:db8::2")};

    @Test
    void randomTrafficEndsTheSameFlowsWhicheverWorkerNewFlowsGo() {
        for (int seed = 0; seed < 300; seed++) {
            Random r = new Random(seed);
            List<Object> events = traffic(r, 400 + r.nextInt(800));
            List<String> one = run(events, 1, hashed -> hashed, FlowAssignment.MAX_SLOTS, null);
            int workers = 2 + r.nextInt(3);
            Random choice = new Random(seed * 31L + 7);
            List<Function<Integer, FlowAssignment.Chooser>> choosers = List.of(
                    n -> hashed -> choice.nextInt(n),
                    n -> hashed -> 0,
                    n -> hashed -> hashed);
            for (Function<Integer, FlowAssignment.Chooser> c : choosers) {
                // A table of 2 to 16 slots also fills up and stops adding entries.
                int slots = r.nextBoolean() ? FlowAssignment.MAX_SLOTS : 2 << r.nextInt(4);
                assertThat(run(events, workers, c.apply(workers), slots, null)).as("seed %d, %d slots", seed, slots)
                        .isEqualTo(one);
                // The workers' word that they hold no flow under a hash any more, read now and then, as late as
                // the reader may read it.
                Random drains = new Random(seed * 17L + slots);
                assertThat(run(events, workers, c.apply(workers), slots, drains))
                        .as("seed %d, %d slots, releases", seed, slots).isEqualTo(one);
            }
        }
    }

    @Test
    void aFlowComesBackToItsWorkerUntilItsTimeoutHasPassed() {
        FlowAssignment a = roundRobin();
        int w = a.workerOf(TestPackets.udp(1, 1000, HOSTS[0], 5000, HOSTS[1], 53, "q"));
        assertThat(a.workerOf(TestPackets.udp(2, 1000 + UDP_IDLE, HOSTS[1], 53, HOSTS[0], 5000, "a"))).isEqualTo(w);
        // Idle for exactly the timeout: a flow table still holds it.
        assertThat(a.workerOf(TestPackets.udp(3, 1000 + 2 * UDP_IDLE, HOSTS[0], 5000, HOSTS[1], 53, "q")))
                .isEqualTo(w);
        // One nanosecond more and every table has ended it: the next packet is a new flow, given anew.
        assertThat(a.workerOf(TestPackets.udp(4, 1001 + 3 * UDP_IDLE, HOSTS[0], 5000, HOSTS[1], 53, "q")))
                .isNotEqualTo(w);
    }

    @Test
    void anEstablishedConnectionKeepsItsWorkerForTheLongerTimeout() {
        int[] next = {0};
        FlowAssignment a = new FlowAssignment(CONFIG, 4, hashed -> next[0]++ % 4);
        TransportPacket syn = TestPackets.tcp(1, 1000, HOSTS[0], 5000, HOSTS[1], 443, 1, SYN, "");
        int empty = a.workerOf(syn);
        int full = a.workerOf(TestPackets.tcp(2, 1000, HOSTS[0], 5001, HOSTS[1], 443, 1, ACK, "data"));
        int answered = a.workerOf(TestPackets.tcp(3, 1000, HOSTS[1], 443, HOSTS[0], 5002, 9, SYN | ACK, ""));
        long at = 1000 + TCP_NEW + 1; // past the shorter timeout: the one neither answered nor with payload ended
        assertThat(a.workerOf(TestPackets.tcp(4, at, HOSTS[0], 5001, HOSTS[1], 443, 5, ACK, ""))).isEqualTo(full);
        assertThat(a.workerOf(TestPackets.tcp(5, at, HOSTS[0], 5002, HOSTS[1], 443, 1, ACK, "")))
                .isEqualTo(answered);
        assertThat(a.workerOf(TestPackets.tcp(6, at, HOSTS[0], 5000, HOSTS[1], 443, 2, ACK, ""))).isNotEqualTo(empty);
        long later = at + TCP_IDLE + 1;
        assertThat(a.workerOf(TestPackets.tcp(7, later, HOSTS[0], 5001, HOSTS[1], 443, 5, ACK, "")))
                .isNotEqualTo(full);
    }

    @Test
    void aFullTableGivesNewFlowsTheirHashedWorker() {
        FlowAssignment a = new FlowAssignment(CONFIG, 2, hashed -> 1 - hashed, 4);
        int port = 1000;
        while (!a.full()) {
            a.workerOf(TestPackets.udp(port, 0, HOSTS[0], port, HOSTS[1], 53, "q"));
            port++;
        }
        for (int p = port + 1; p < port + 50; p++) {
            TransportPacket q = TestPackets.udp(p, 0, HOSTS[0], p, HOSTS[1], 53, "q");
            assertThat(a.workerOf(q)).isEqualTo(FlowShard.workerOf(q, 2));
        }
    }

    @Test
    void aWorkersWordForgetsAnEntryUnlessAPacketCameSince() {
        FlowAssignment a = roundRobin();
        TransportPacket first = TestPackets.udp(1, 1000, HOSTS[0], 5000, HOSTS[1], 53, "q");
        long hash = FlowAssignment.hash(first);
        int w = a.workerOf(first);
        a.forget(hash, (w + 1) % 4, 2); // another worker's word: the entry is not its to drop
        assertThat(a.workerOf(TestPackets.udp(2, 1001, HOSTS[1], 53, HOSTS[0], 5000, "a"))).isEqualTo(w);
        a.forget(hash, w, 2); // frame 2 came under it: its flow may be held
        assertThat(a.live()).isEqualTo(1);
        assertThat(a.workerOf(TestPackets.udp(3, 1002, HOSTS[0], 5000, HOSTS[1], 53, "q"))).isEqualTo(w);
        a.forget(hash, w, 4);
        assertThat(a.live()).isZero();
        // Chosen afresh, long before the flow's timeout.
        assertThat(a.workerOf(TestPackets.udp(5, 1003, HOSTS[0], 5000, HOSTS[1], 53, "q"))).isEqualTo((w + 1) % 4);
        a.forget(hash ^ (1L << 20), (w + 1) % 4, 9); // a hash it does not hold: nothing
        assertThat(a.live()).isEqualTo(1);
    }

    @Test
    void withTheWorkersWordTheTableHoldsTheFlowsHeldNotTheDays() {
        // One worker, a table of at most 64 slots: without the word, 10,000 connections established within TCP's
        // idle timeout fill it, and the rest go by their hash.
        FlowConfig config = new FlowConfig(null, 1_000_000, TCP_NEW, UDP_IDLE, LINGER, 1 << 20,
                FlowConfig.defaults().tcpLimits());
        for (boolean word : new boolean[] {false, true}) {
            AssignmentReleases releases = new AssignmentReleases(0);
            FlowTable table = new FlowTable(config, new FlowListener() { }, new Counters(), new FlowShard(0, 1),
                    null, new FlowBudget(1, 1 << 20), word ? releases : null);
            FlowAssignment a = new FlowAssignment(config, 1, hashed -> 0, 64);
            long frame = 0;
            for (int c = 0; c < 10_000; c++) {
                int port = 1024 + c % 50_000;
                long t = 100L * c;
                for (TransportPacket p : List.of(
                        TestPackets.tcp(++frame, t, HOSTS[0], port, HOSTS[1], 443, 1, SYN, ""),
                        TestPackets.tcp(++frame, t + 1, HOSTS[1], 443, HOSTS[0], port, 9, SYN | ACK, ""),
                        TestPackets.tcp(++frame, t + 2, HOSTS[0], port, HOSTS[1], 443, 2, FIN | ACK, "x"),
                        TestPackets.tcp(++frame, t + 3, HOSTS[1], 443, HOSTS[0], port, 10, FIN | ACK, ""),
                        TestPackets.tcp(++frame, t + 4, HOSTS[0], port, HOSTS[1], 443, 4, ACK, ""))) {
                    releases.handling(p.frameNumber());
                    a.workerOf(p);
                    table.packet(p, true);
                }
                releases.drainTo(a);
            }
            assertThat(a.full()).as("full, with the word: %s", word).isEqualTo(!word);
            if (word) {
                assertThat(a.live()).isLessThan(10);
                assertThat(releases.dropped()).isZero();
            }
        }
    }

    /** An assignment of four workers that gives new flows to each in turn, from worker 0. */
    private static FlowAssignment roundRobin() {
        int[] next = {0};
        return new FlowAssignment(CONFIG, 4, hashed -> next[0]++ % 4);
    }

    /** Frames (packets) and housekeeping times (Longs), in capture order. */
    private static List<Object> traffic(Random r, int n) {
        List<Object> events = new ArrayList<>();
        long t = r.nextInt(1000) - 500;
        for (int i = 0; i < n; i++) {
            int pick = r.nextInt(100);
            if (pick < 3) {
                events.add(t + r.nextInt(50));
                continue;
            }
            // Time mostly moves a little, sometimes past a timeout, now and then back, rarely by centuries.
            int step = r.nextInt(100);
            if (step < 60) {
                t += r.nextInt(5);
            } else if (step < 85) {
                t += r.nextInt((int) (2 * TCP_IDLE));
            } else if (step < 97) {
                t -= r.nextInt(30);
            } else {
                t += r.nextBoolean() ? Long.MAX_VALUE / 2 : -(Long.MAX_VALUE / 2);
            }
            long frame = events.size() + 1;
            IpAddress a = HOSTS[r.nextInt(HOSTS.length)];
            IpAddress b = HOSTS[r.nextInt(HOSTS.length)];
            int pa = 1000 + r.nextInt(4);
            int pb = r.nextBoolean() ? 53 : 443;
            if (r.nextInt(3) == 0) {
                events.add(TestPackets.udp(frame, t, a, pa, b, pb, "x".repeat(r.nextInt(3))));
            } else {
                int flags = switch (r.nextInt(8)) {
                    case 0 -> SYN;
                    case 1 -> SYN | ACK;
                    case 2 -> FIN | ACK;
                    case 3 -> RST;
                    default -> ACK;
                };
                events.add(TestPackets.tcp(frame, t, a, pa, b, pb, r.nextInt(50), flags, "y".repeat(r.nextInt(3))));
            }
            if (r.nextInt(50) == 0) {
                // A packet no table admits (its ports are out of range): only counted, and it moves no clock.
                events.add(TestPackets.udp(frame + 1, t + 10 * TCP_IDLE, a, -1, b, 53, "z"));
            }
        }
        return events;
    }

    /**
     * Every ended flow as text, in order of flow id, from {@code workers} tables fed as WorkerThreads feeds them;
     * with {@code drains}, the tables' releases are read after a frame at random (else there are none).
     */
    private static List<String> run(List<Object> events, int workers, FlowAssignment.Chooser chooser, int slots,
            Random drains) {
        List<String> ended = new ArrayList<>();
        FlowListener listener = new FlowListener() {
            @Override
            public void flowEnded(FlowSummary s) {
                ended.add(s.info().id() + " " + s.info().transport() + " " + s.info().device() + " "
                        + s.info().server() + " " + s.endReason() + " out " + s.packetsOut() + "/" + s.payloadOut()
                        + " in " + s.packetsIn() + "/" + s.payloadIn() + " end " + s.endNanos());
            }
        };
        FlowTable[] tables = new FlowTable[workers];
        AssignmentReleases[] releases = new AssignmentReleases[workers];
        FlowBudget budget = new FlowBudget(workers, CONFIG.maxFlows());
        for (int i = 0; i < workers; i++) {
            releases[i] = drains == null ? null : new AssignmentReleases(i);
            tables[i] = new FlowTable(CONFIG, listener, new Counters(), new FlowShard(i, workers), null, budget,
                    releases[i]);
        }
        FlowAssignment assignment = new FlowAssignment(CONFIG, workers, chooser, slots);
        long frame = 0;
        for (Object e : events) {
            frame++;
            if (drains != null) {
                for (AssignmentReleases r : releases) {
                    r.handling(frame);
                    if (drains.nextInt(4) == 0) {
                        r.drainTo(assignment);
                    }
                }
            }
            if (e instanceof Long now) {
                assignment.advance(now);
                for (FlowTable t : tables) {
                    t.advanceTime(now);
                }
                continue;
            }
            TransportPacket p = (TransportPacket) e;
            boolean admitted = FlowTable.admits(p);
            int owner = admitted ? assignment.workerOf(p) : FlowShard.workerOf(p, workers);
            for (int i = 0; i < workers; i++) {
                if (i == owner) {
                    tables[i].packet(p, true);
                } else if (admitted) {
                    tables[i].passing(p.timestampNanos());
                }
            }
        }
        for (FlowTable t : tables) {
            t.finish();
        }
        ended.sort((x, y) -> Long.compare(Long.parseLong(x.split(" ")[0]), Long.parseLong(y.split(" ")[0])));
        return ended;
    }
}
