package org.phonehome.proto;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.phonehome.Counters;
import org.phonehome.enrich.HostNames;
import org.phonehome.flow.Direction;
import org.phonehome.flow.FlowAnomalies;
import org.phonehome.flow.FlowInfo;
import org.phonehome.flow.FlowListener;
import org.phonehome.flow.FlowSummary;
import org.phonehome.flow.StreamChunk;

/**
 * The protocols stage: recognises each flow's protocol, runs its parser on the reassembled bytes, names the flow's
 * destination and hands messages and protocol events to a {@link ProtocolListener}.
 *
 * <p>State is per flow and dropped when the flow ends. A parser's failure is counted ({@code protocol_error}) and
 * ends parsing of that flow only; the rest of the capture goes on.
 */
public final class ProtocolStage implements FlowListener {

    /** An ended flow, parsed to its end, waiting for its name. */
    private record Ended(FlowDissector dissector, FlowSummary summary) {
    }

    private final ProtocolListener listener;
    private final Counters counters;
    private final HostNames names;
    private final FlowIdMap<FlowDissector> flows = new FlowIdMap<>();
    private final TlsKeys keys;
    private final ProtocolLimits limits;
    /**
     * Flows that ended while another worker had not yet handled every frame before their first one: the DNS answer
     * that names one may be in such a frame. Rather than wait for that worker, this one goes on and names them
     * later, in the order they ended ({@link #nameEnded}).
     */
    private final ArrayDeque<Ended> unnamed = new ArrayDeque<>();
    private final ParserMemory memory;
    /** One DNS parser and one set of QUIC Initial engines for all the worker's flows. */
    private final ParserScratch scratch = new ParserScratch();
    /** Counter names by protocol, made once: this runs for every flow. */
    private final Map<String, String> protocolCounters = new HashMap<>();

    /**
     * @param listener receives messages, protocol events and named flows
     * @param counters receives the parsers' anomalies by name ({@code http_gap}, {@code dns_truncated}, ...)
     */
    public ProtocolStage(ProtocolListener listener, Counters counters) {
        this(listener, counters, new TlsKeys(null));
    }

    /**
     * @param listener receives messages, protocol events and named flows
     * @param counters receives the parsers' anomalies by name
     * @param keys     TLS secrets: flows whose sessions they name are decrypted
     */
    public ProtocolStage(ProtocolListener listener, Counters counters, TlsKeys keys) {
        this(listener, counters, keys, ProtocolLimits.DEFAULTS, new HostNames(), ParserMemory.forHeap());
    }

    /**
     * @param listener receives messages, protocol events and named flows
     * @param counters receives the parsers' anomalies by name
     * @param keys     TLS secrets: flows whose sessions they name are decrypted
     * @param limits   the parsers' settable bounds
     * @param names    DNS-derived names, shared with the other workers of the audit
     * @param memory   this worker's share of what the HTTP messages under way of the audit may hold
     */
    public ProtocolStage(ProtocolListener listener, Counters counters, TlsKeys keys, ProtocolLimits limits,
                         HostNames names, ParserMemory memory) {
        this.memory = memory;
        this.names = names;
        this.listener = listener;
        this.counters = counters;
        this.keys = keys;
        this.limits = limits;
    }

    /** The DNS-derived names seen so far. */
    public HostNames names() {
        return names;
    }

    @Override
    public void flowStarted(FlowInfo flow) {
        flows.put(flow.id(), dissector(flow));
    }

    /** The worker's dissector for {@code flow}: made at its start, or at its end when it never started here. */
    private FlowDissector dissector(FlowInfo flow) {
        return new FlowDissector(flow, listener, counters, names, keys, limits, memory, scratch);
    }

    @Override
    public void payload(FlowInfo flow, Direction direction, StreamChunk chunk) {
        FlowDissector d = flows.get(flow.id());
        // Written out rather than through guarded(): a lambda per chunk is an allocation through a method handle
        // under the client compiler.
        if (d != null && !d.failed()) {
            try {
                d.payload(direction, chunk);
            } catch (RuntimeException e) {
                failed(d);
            }
        }
    }

    @Override
    public void gap(FlowInfo flow, Direction direction, long streamOffset, long length) {
        FlowDissector d = flows.get(flow.id());
        if (d != null) {
            guarded(d, () -> d.gap(direction, streamOffset, length));
        }
    }

    @Override
    public void flowEnded(FlowSummary summary) {
        FlowDissector d = flows.remove(summary.info().id());
        if (d == null) {
            d = dissector(summary.info());
        }
        if (!d.failed()) {
            try {
                d.end();
            } catch (RuntimeException e) {
                failed(d);
            }
        }
        counters.increment(protocolCounters.computeIfAbsent(d.protocol(), p -> "flow_protocol_" + p));
        if (unnamed.isEmpty() && names.settledBefore(summary.info().firstFrame())) {
            listener.flowEnded(d.named(summary));
        } else {
            unnamed.add(new Ended(d, summary));
        }
    }

    /**
     * Names and hands on, in the order they ended, the ended flows whose DNS names are now settled (every worker
     * has handled the frames before their first one). Call between frames.
     */
    public void nameEnded() {
        while (!unnamed.isEmpty() && names.settledBefore(unnamed.peek().summary().info().firstFrame())) {
            name(unnamed.poll());
        }
    }

    /** Names and hands on every ended flow still waiting, waiting for the other workers: at the capture's end. */
    public void nameAllEnded() {
        while (!unnamed.isEmpty()) {
            name(unnamed.poll());
        }
    }

    private void name(Ended e) {
        try {
            listener.flowEnded(e.dissector().named(e.summary()));
        } catch (RuntimeException x) {
            // as when the flow table ends a flow: a throwing listener must not end the audit
            counters.increment(FlowAnomalies.FLOW_INTERNAL_ERROR);
        }
    }

    /** Runs parser work; a bug in one parser stops that flow's parsing, not the audit. */
    private void guarded(FlowDissector d, Runnable work) {
        if (d.failed()) {
            return;
        }
        try {
            work.run();
        } catch (RuntimeException e) {
            failed(d);
        }
    }

    private void failed(FlowDissector d) {
        counters.increment("protocol_error");
        d.fail();
    }
}
