package org.phonehome.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.phonehome.Counters;
import org.phonehome.capture.CaptureBuffers;
import org.phonehome.net.TransportPacket;

/**
 * Groups TCP and UDP packets into flows keyed by protocol and both endpoints, resolves the device side
 * ({@link DeviceSide}), reassembles each TCP direction ({@link TcpReassembler}) and tells a {@link FlowListener}.
 *
 * <p>Lifetime: an open TCP connection that was answered (a SYN-ACK) or carried payload ends after
 * {@link FlowConfig#tcpIdleTimeoutNanos()} without packets, one that has neither after
 * {@link FlowConfig#tcpNewTimeoutNanos()}, a UDP flow after {@link FlowConfig#udpIdleTimeoutNanos()}
 * ({@code idle_timeout}). A TCP connection closed by both FINs
 * ({@code fin}) or a RST ({@code rst}) ends after {@link FlowConfig#closedLingerNanos()} without packets, or at once
 * when a new SYN reuses its 5-tuple ({@code tcp_port_reuse}; the SYN starts a new flow). An open connection ends
 * at once, {@code port_reuse}, when a SYN of another sequence number than its own comes on its 5-tuple. When
 * {@link FlowConfig#maxFlows()} are live (in a parallel audit: when the tables together hold their
 * {@link FlowBudget}), a new flow first ends this table's least recently active one ({@code evicted}).
 * {@link #finish()} ends the rest in flow-id order ({@code capture_end}, or {@code fin}/{@code rst} if closed).
 *
 * <p>Time is capture time and only goes forward: {@link #packet} advances it to each packet's time. Expiry is O(1)
 * amortized per packet: flows sit on one list per timeout, least recently active first.
 *
 * <p>No exception escapes {@link #packet}: malformed packets are counted by name and skipped. Not thread-safe.
 */
public final class FlowTable {
    private static final String IDLE_TIMEOUT = "idle_timeout";
    private static final String EVICTED = "evicted";
    private static final String CAPTURE_END = "capture_end";
    private static final String PORT_REUSE = "port_reuse";

    private final FlowConfig config;
    private final FlowListener listener;
    /** Told of each flow's start and end under its assignment hash; null outside parallel audits. */
    private final AssignmentReleases releases;
    private final Counters counters;
    private final FlowMap flows = new FlowMap();
    private final IdleList tcpOpen;
    /** Open TCP connections neither answered nor with payload yet. */
    private final IdleList tcpNew;
    private final IdleList udp;
    private final IdleList closed;
    /** One sink shared by all reassemblers, pointed at the flow and direction being fed (saves an object each). */
    private final Router router = new Router();
    private final FlowShard shard;
    private final CaptureBuffers captureBuffers;
    private final FlowBudget budget;
    /** Flows this table may hold before it takes more room from {@link #budget}: its floor and what it took. */
    private int room;
    private long clock = Long.MIN_VALUE;
    private boolean finished;

    /** A table that reports flows to {@code listener} and adds its counters to {@code counters}. */
    public FlowTable(FlowConfig config, FlowListener listener, Counters counters) {
        this(config, listener, counters, FlowShard.ALL);
    }

    /**
     * A table that handles only the flows of {@code shard}: every other packet only moves its clock, exactly as it
     * would in a table of all flows, so each flow ends at the same packet with one worker or several.
     */
    public FlowTable(FlowConfig config, FlowListener listener, Counters counters, FlowShard shard) {
        this(config, listener, counters, shard, null);
    }

    /**
     * As {@link #FlowTable(FlowConfig, FlowListener, Counters, FlowShard)}, with the capture's buffers, from which
     * TCP's retransmission checks read delivered bytes again instead of keeping copies (null: keep copies).
     */
    public FlowTable(FlowConfig config, FlowListener listener, Counters counters, FlowShard shard,
            CaptureBuffers captureBuffers) {
        this(config, listener, counters, shard, captureBuffers, new FlowBudget(1, config.maxFlows()));
    }

    /**
     * As {@link #FlowTable(FlowConfig, FlowListener, Counters, FlowShard, CaptureBuffers)}, holding flows within
     * {@code budget}, shared by the tables of every shard, instead of {@link FlowConfig#maxFlows()}.
     */
    public FlowTable(FlowConfig config, FlowListener listener, Counters counters, FlowShard shard,
            CaptureBuffers captureBuffers, FlowBudget budget) {
        this(config, listener, counters, shard, captureBuffers, budget, null);
    }

    /**
     * As {@link #FlowTable(FlowConfig, FlowListener, Counters, FlowShard, CaptureBuffers, FlowBudget)}, telling
     * {@code releases} (if not null) which assignment hashes it holds flows under, for the thread that hands out
     * the flows of a parallel audit ({@link FlowAssignment}).
     */
    public FlowTable(FlowConfig config, FlowListener listener, Counters counters, FlowShard shard,
            CaptureBuffers captureBuffers, FlowBudget budget, AssignmentReleases releases) {
        this.releases = releases;
        this.budget = budget;
        this.room = budget.floor();
        this.captureBuffers = captureBuffers;
        this.shard = shard;
        this.config = config;
        this.listener = listener;
        this.counters = counters;
        this.tcpOpen = new IdleList(config.tcpIdleTimeoutNanos());
        this.tcpNew = new IdleList(config.tcpNewTimeoutNanos());
        this.udp = new IdleList(config.udpIdleTimeoutNanos());
        this.closed = new IdleList(config.closedLingerNanos());
    }

    /** Feeds one packet; first advances the clock to its time (which may end idle flows). Never throws. */
    public void packet(TransportPacket p) {
        packet(p, shard.owns(p));
    }

    /**
     * As {@link #packet(TransportPacket)}, told whether the packet's flow is of this table's shard (a packet of
     * another shard only moves the clock).
     */
    public void packet(TransportPacket p, boolean mine) {
        try {
            if (finished) {
                counters.increment(FlowAnomalies.FLOW_PACKET_AFTER_FINISH);
                return;
            }
            String malformed = malformed(p);
            if (malformed != null) {
                if (mine) {
                    counters.increment(malformed);
                }
                return;
            }
            if (!mine) {
                if (p.timestampNanos() >= clock) {
                    moveClock(p.timestampNanos());
                }
                return;
            }
            advanceTime(p.timestampNanos());
            handle(p);
        } catch (RuntimeException e) {
            // A bug or a throwing listener must not end the audit; the packet is accounted for here.
            counters.increment(FlowAnomalies.FLOW_INTERNAL_ERROR);
        }
    }

    /** Moves the capture clock to {@code nowNanos} (never backwards) and ends the flows idle for too long. */
    public void advanceTime(long nowNanos) {
        if (nowNanos < clock) {
            counters.increment(FlowAnomalies.FLOW_TIME_WENT_BACKWARDS);
            return;
        }
        moveClock(nowNanos);
    }

    private void moveClock(long nowNanos) {
        clock = nowNanos;
        while (tcpOpen.headExpired(clock)) {
            end(tcpOpen.head, IDLE_TIMEOUT);
        }
        while (tcpNew.headExpired(clock)) {
            end(tcpNew.head, IDLE_TIMEOUT);
        }
        while (udp.headExpired(clock)) {
            end(udp.head, IDLE_TIMEOUT);
        }
        while (closed.headExpired(clock)) {
            end(closed.head, closed.head.closeReason);
        }
    }

    /** Ends every flow, in order of flow id; later packets are ignored. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        List<Flow> all = flows.values();
        all.sort(Comparator.comparingLong(f -> f.info.id()));
        for (Flow f : all) {
            try {
                end(f, f.closeReason != null ? f.closeReason : CAPTURE_END);
            } catch (RuntimeException e) {
                counters.increment(FlowAnomalies.FLOW_INTERNAL_ERROR);
            }
        }
    }

    /** Flows currently held. */
    public int size() {
        return flows.size();
    }

    /**
     * A packet of another shard, known to be {@link #admits admitted}: only moves the clock to {@code timeNanos},
     * exactly as {@link #packet(TransportPacket, boolean)} would for it, without reading the packet.
     */
    public void passing(long timeNanos) {
        try {
            if (finished) {
                counters.increment(FlowAnomalies.FLOW_PACKET_AFTER_FINISH);
                return;
            }
            if (timeNanos >= clock) {
                moveClock(timeNanos);
            }
        } catch (RuntimeException e) {
            counters.increment(FlowAnomalies.FLOW_INTERNAL_ERROR);
        }
    }

    /**
     * Whether TCP packet {@code p} makes its connection established, so that it waits the longer idle timeout: a
     * SYN-ACK or payload ({@link FlowAssignment} keeps entries by the same test).
     */
    static boolean establishes(TransportPacket p) {
        return (long) p.payloadLength() + p.payloadMissing() > 0
                || (p.has(TransportPacket.SYN) && p.has(TransportPacket.ACK));
    }

    /** Whether {@code p} is well formed enough to enter a table (and so to move the clock of the others). */
    public static boolean admits(TransportPacket p) {
        return malformed(p) == null;
    }

    /** The anomaly that keeps {@code p} out of the table, or null when it is well formed. */
    private static String malformed(TransportPacket p) {
        if (p == null || p.src() == null || p.dst() == null || !validPort(p.srcPort()) || !validPort(p.dstPort())
                || p.payloadLength() < 0 || p.payloadMissing() < 0 || p.payloadOffset() < 0
                || (p.payloadLength() > 0
                    && (p.payload() == null || p.payloadOffset() > p.payload().length - p.payloadLength()))) {
            return FlowAnomalies.FLOW_MALFORMED_PACKET;
        }
        if (p.protocol() != TransportPacket.TCP && p.protocol() != TransportPacket.UDP) {
            return FlowAnomalies.FLOW_UNSUPPORTED_PROTOCOL;
        }
        return null;
    }

    private static boolean validPort(int port) {
        return port >= 0 && port <= 0xffff;
    }

    private void handle(TransportPacket p) {
        Flow f = flows.get(p.protocol(), p.src(), p.srcPort(), p.dst(), p.dstPort());
        if (f != null && p.isTcp() && p.has(TransportPacket.SYN) && !p.has(TransportPacket.ACK)
                && (f.closeReason != null || opensAnotherConnection(f, p))) {
            counters.increment(FlowAnomalies.TCP_PORT_REUSE);
            end(f, f.closeReason != null ? f.closeReason : PORT_REUSE);
            f = null;
        }
        if (f == null) {
            f = start(p);
        }
        Endpoint device = f.info.device();
        Direction dir = device.port() == p.srcPort() && device.address().equals(p.src()) ? Direction.OUTBOUND
                : Direction.INBOUND;
        long payload = (long) p.payloadLength() + p.payloadMissing();
        if (dir == Direction.OUTBOUND) {
            f.packetsOut += p.frames();
            f.bytesOut += p.wireBytes();
            f.payloadOut += payload;
        } else {
            f.packetsIn += p.frames();
            f.bytesIn += p.wireBytes();
            f.payloadIn += payload;
        }
        if (p.frames() > 1) {
            // Kept per direction so a reader can relate these totals to tools that count a reassembled
            // datagram as one frame (tshark's conversation table does).
            f.count(dir == Direction.OUTBOUND ? FlowAnomalies.IP_FRAGMENT_FRAMES_OUT
                    : FlowAnomalies.IP_FRAGMENT_FRAMES_IN, p.frames() - 1L);
        }
        if (f.app == null) {
            f.app = p.app();
        }
        f.lastNanos = clock;
        if (p.isTcp()) {
            if (establishes(p)) {
                f.established = true;
            }
            tcp(f, dir, p);
        } else {
            udp(f, dir, p, (dir == Direction.OUTBOUND ? f.payloadOut : f.payloadIn) - payload);
        }
        (f.closeReason != null ? closed : !p.isTcp() ? udp : f.established ? tcpOpen : tcpNew).moveToEnd(f);
    }

    /**
     * Whether {@code syn}, a SYN without ACK on an open connection's ports, opens another one: ports are reused, and
     * a connection whose close was not captured may still be open here (an established one waits a day).
     */
    private static boolean opensAnotherConnection(Flow f, TransportPacket syn) {
        Endpoint device = f.info.device();
        boolean outbound = device.port() == syn.srcPort() && device.address().equals(syn.src());
        TcpReassembler r = outbound ? f.out : f.in;
        return r != null && r.isAnotherConnectionsSyn(syn.seq());
    }

    private Flow start(TransportPacket p) {
        Endpoint src = new Endpoint(p.src(), p.srcPort());
        Endpoint dst = new Endpoint(p.dst(), p.dstPort());
        int held = flows.size();
        if (held >= FlowMap.MAX_FLOWS) {
            evictOne();
        } else if (held >= room) {
            int more = budget.take();
            if (more == 0) {
                evictOne();
            }
            room += more;
        }
        DeviceSide.Verdict v = DeviceSide.resolve(p, config.deviceIp());
        FlowInfo info = new FlowInfo(p.frameNumber(), p.isTcp() ? "tcp" : "udp", v.senderIsDevice() ? src : dst,
                v.senderIsDevice() ? dst : src, v.by(), p.firstFrame(), p.timestampNanos(), p.app());
        Flow f = new Flow(info);
        f.lastNanos = clock;
        if (releases != null) {
            f.assignmentHash = FlowAssignment.hash(p);
            releases.started(f.assignmentHash);
        }
        flows.add(p.protocol(), p.src(), p.srcPort(), p.dst(), p.dstPort(), f);
        (p.isTcp() ? tcpNew : udp).moveToEnd(f);
        counters.increment(p.isTcp() ? FlowAnomalies.FLOW_TCP : FlowAnomalies.FLOW_UDP);
        listener.flowStarted(info);
        return f;
    }

    /** Ends the least recently active flow: the oldest head of the idle lists (ties: lowest id). */
    private void evictOne() {
        Flow victim = null;
        for (IdleList l : new IdleList[] {tcpOpen, tcpNew, udp, closed}) {
            Flow h = l.head;
            if (h != null && (victim == null || h.lastNanos < victim.lastNanos
                    || (h.lastNanos == victim.lastNanos && h.info.id() < victim.info.id()))) {
                victim = h;
            }
        }
        if (victim != null) {
            end(victim, EVICTED);
        }
    }

    private void tcp(Flow f, Direction dir, TransportPacket p) {
        TcpReassembler r = dir == Direction.OUTBOUND ? f.out : f.in;
        if (r == null) {
            r = new TcpReassembler(config.tcpLimits(), router, captureBuffers, budget);
            if (dir == Direction.OUTBOUND) {
                f.out = r;
            } else {
                f.in = r;
            }
        }
        router.route(f, dir);
        r.segment(p.seq(), p.tcpFlags(), p.payload(), p.payloadOffset(), p.payloadLength(), p.payloadMissing(),
                p.frameNumber(), p.timestampNanos());
        if (f.closeReason == null) {
            if (r.resetSeen()) {
                f.closeReason = "rst";
            } else if (f.out != null && f.in != null && f.out.finSeen() && f.in.finSeen()) {
                f.closeReason = "fin";
            }
        }
    }

    private void udp(Flow f, Direction dir, TransportPacket p, long streamOffset) {
        int len = p.payloadLength();
        if (len == 0 && p.payloadMissing() == 0) {
            f.count(FlowAnomalies.UDP_EMPTY_DATAGRAM, 1);
            counters.increment(FlowAnomalies.UDP_EMPTY_DATAGRAM);
            return;
        }
        if (len > 0) {
            listener.payload(f.info, dir, new StreamChunk(p.payload(), p.payloadOffset(), len, streamOffset,
                    p.frameNumber(), p.timestampNanos()));
        }
        if (p.payloadMissing() > 0) {
            router.route(f, dir);
            router.anomaly(FlowAnomalies.UDP_SNAPLEN_CUT, 1);
            listener.gap(f.info, dir, streamOffset + len, p.payloadMissing());
        }
    }

    private void end(Flow f, String reason) {
        flows.remove(f);
        int chunk = budget.chunk();
        // Not at the end: a worker behind the others would take the room for flows earlier in the capture.
        if (!finished && room - flows.size() > 2 * chunk && room - chunk >= budget.floor()) {
            room -= chunk;
            budget.giveBack(chunk);
        }
        if (f.list != null) {
            f.list.remove(f);
        }
        if (f.out != null) {
            router.route(f, Direction.OUTBOUND);
            f.out.finish();
        }
        if (f.in != null) {
            router.route(f, Direction.INBOUND);
            f.in.finish();
        }
        if (reason.equals(EVICTED)) {
            counters.increment(FlowAnomalies.FLOW_EVICTED);
        } else if (reason.equals(IDLE_TIMEOUT)) {
            counters.increment(FlowAnomalies.FLOW_IDLE_TIMEOUT);
        }
        listener.flowEnded(f.summary(reason));
        if (releases != null && !finished) {
            releases.ended(f.assignmentHash);
        }
    }

    /** Forwards a reassembler's output to the listener for the flow and direction set by {@link #route}. */
    private final class Router implements StreamSink {
        private Flow flow;
        private Direction dir;

        void route(Flow f, Direction d) {
            flow = f;
            dir = d;
        }

        @Override
        public void data(StreamChunk chunk) {
            listener.payload(flow.info, dir, chunk);
        }

        @Override
        public void gap(long streamOffset, long length) {
            listener.gap(flow.info, dir, streamOffset, length);
        }

        @Override
        public void anomaly(String name, long count) {
            flow.count(name, count);
            counters.add(name, count);
        }
    }
}
