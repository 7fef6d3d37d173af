package org.phonehome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.phonehome.behaviour.ActiveHours;
import org.phonehome.behaviour.BeaconDetector;
import org.phonehome.behaviour.DestinationStats;
import org.phonehome.behaviour.ExfiltrationDetector;
import org.phonehome.capture.CaptureBuffers;
import org.phonehome.detect.Detector;
import org.phonehome.enrich.HostNames;
import org.phonehome.flow.AssignmentReleases;
import org.phonehome.flow.FlowBudget;
import org.phonehome.flow.FlowConfig;
import org.phonehome.flow.FlowShard;
import org.phonehome.flow.FlowSummary;
import org.phonehome.flow.FlowTable;
import org.phonehome.net.IpAddress;
import org.phonehome.net.TransportPacket;
import org.phonehome.policy.Contact;
import org.phonehome.proto.NamedFlow;
import org.phonehome.proto.ProtocolListener;
import org.phonehome.proto.ProtocolListeners;
import org.phonehome.proto.ProtocolStage;
import org.phonehome.proto.TlsKeys;
import org.phonehome.proto.tls.decrypt.KeyLog;
import org.phonehome.report.FlowEntry;
import org.phonehome.report.Times;

/**
 * One worker of an audit: sees every frame the {@link AuditReader} decoded, in order, and follows the flows of its
 * {@link FlowShard} through reassembly, protocols, detection and behaviour (the other frames only move its clock,
 * so each flow ends at the same frame however many workers there are). Workers share only the DNS names
 * ({@link HostNames}); what each collects is merged by {@link Auditor}.
 */
final class AuditWorker implements AuditReader.FrameSink {

    /** Contacts kept per destination for the opt-out check; a beacon every minute for a week is 10,080. */
    static final int MAX_CONTACTS_PER_DESTINATION = 20_000;

    private final AuditRequest request;
    /** Counters of this worker's flows, protocols and detection. */
    final Counters counters = new Counters();
    final DestinationStats destinations = new DestinationStats();
    final List<FlowEntry> flows;
    final BeaconDetector beacons = new BeaconDetector();
    final Map<String, List<Contact>> contacts = new HashMap<>();
    final Map<String, ActiveHours> hours = new HashMap<>();
    final Map<String, Long> uploads = new HashMap<>();
    final Detector detector;
    private final TlsKeys keys;
    private final FlowTable table;
    private final ProtocolStage protocols;
    /** This worker's share of what the HTTP messages under way of the audit may hold; siblings share its bound. */
    private final org.phonehome.proto.ParserMemory parserMemory;
    /** Tells the reader which flows this worker no longer holds; null with one worker. */
    private final AssignmentReleases releases;
    /**
     * Frames before this one are fully handled (their DNS answers added); read by the other workers. Written with
     * release semantics (what was handled is visible before the number), without a full fence per frame.
     */
    private volatile long framesDone;
    private static final java.lang.invoke.VarHandle FRAMES_DONE;

    static {
        try {
            FRAMES_DONE = java.lang.invoke.MethodHandles.lookup().findVarHandle(AuditWorker.class, "framesDone",
                    long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * @param first the audit's first worker, whose compiled detector this one shares; null for the first
     * @param releases where this worker says which flows it no longer holds ({@link WorkerThreads}); null with one
     */
    AuditWorker(AuditRequest request, FlowShard shard, HostNames names, FlowConfig flowConfig, FlowBudget budget,
            AuditWorker first, CaptureBuffers captureBuffers, AssignmentReleases releases) {
        this.request = request;
        this.releases = releases;
        this.flows = request.includeFlows() ? new ArrayList<>() : null;
        Limits limits = request.limits();
        if (first != null) {
            this.detector = first.detector.sibling(counters);
        } else {
            this.detector = request.profile() == null
                    ? Detector.patternsOnly(request.detection(), counters, limits.scan())
                    : Detector.forProfile(request.profile(), request.detection(), counters, limits.scan());
        }
        List<ProtocolListener> listeners = new ArrayList<>();
        if (request.eventLog() != null) {
            listeners.add(request.eventLog());
        }
        listeners.add(detector);
        listeners.add(new Collector());
        ProtocolListener listener = ProtocolListeners.of(listeners.toArray(new ProtocolListener[0]));
        this.keys = new TlsKeys(request.keys());
        this.parserMemory = first == null ? limits.parserMemory() : first.parserMemory.sibling();
        this.protocols = new ProtocolStage(listener, counters, keys, limits.protocols(), names, parserMemory);
        this.table = new FlowTable(flowConfig, protocols, counters, shard, captureBuffers, budget, releases);
    }

    /** Frames before this one are fully handled by this worker. */
    long framesDone() {
        return framesDone;
    }

    /** Where this worker says which flows it no longer holds; null with one worker. */
    AssignmentReleases releases() {
        return releases;
    }

    /** Sets the frame being handled: here and, for the flows it ends, in {@link #releases}. */
    private void handling(long frameNumber) {
        FRAMES_DONE.setRelease(this, frameNumber);
        if (releases != null) {
            releases.handling(frameNumber);
        }
    }

    @Override
    public void frame(long frameNumber, TransportPacket packet) {
        handling(frameNumber);
        if (packet != null) {
            table.packet(packet);
        }
        protocols.nameEnded();
    }

    /** A frame of this worker's flows (its worker worked out by the reader). */
    void ownFrame(long frameNumber, TransportPacket packet) {
        handling(frameNumber);
        if (packet != null) {
            table.packet(packet, true);
        }
        protocols.nameEnded();
    }

    /**
     * A frame of another worker's flows: moves the clock to {@code timeNanos} when {@code admitted} (a packet that
     * enters a flow table), and is otherwise only counted as handled.
     */
    void otherFrame(long frameNumber, long timeNanos, boolean admitted) {
        handling(frameNumber);
        if (admitted) {
            table.passing(timeNanos);
        }
        protocols.nameEnded();
    }

    @Override
    public void housekeeping(long frameNumber, long nowNanos) {
        handling(frameNumber);
        table.advanceTime(nowNanos);
        protocols.nameEnded();
    }

    @Override
    public void secrets(long frameNumber, KeyLog more) {
        handling(frameNumber);
        keys.add(more);
    }

    /** Every frame is in: ends the flows still open. Their names need every worker's answers: none are left here. */
    void finish() {
        framesDone = Long.MAX_VALUE;
        table.finish();
        protocols.nameAllEnded();
    }

    /** Says that this worker will add no more answers (it finished or failed), so no other worker waits for it. */
    void done() {
        framesDone = Long.MAX_VALUE;
    }

    /** Folds each ended flow into the per-destination behaviour. */
    private final class Collector implements ProtocolListener {
        /** Room for the texts of {@link #SERVER_TEXTS} servers of unnamed flows, by their address's hash. */
        private static final int SERVER_TEXTS = 64;
        /**
         * Unnamed flows' servers and their texts, kept as made: a capture's unnamed flows go to a few servers in
         * turn (every DNS exchange is a flow to the resolver, between the flows it names), and one text instance
         * hashes once for the maps below.
         */
        private final IpAddress[] servers = new IpAddress[SERVER_TEXTS];
        private final String[] serverTexts = new String[SERVER_TEXTS];

        /** The destination key {@link DestinationStats} uses: the host name, else the server's address. */
        private String hostOf(NamedFlow flow) {
            if (flow.host() != null) {
                return flow.host();
            }
            IpAddress server = flow.summary().info().server().address();
            int slot = server.hashCode() & (SERVER_TEXTS - 1);
            if (!server.equals(servers[slot])) {
                servers[slot] = server;
                serverTexts[slot] = server.toString();
            }
            return serverTexts[slot];
        }

        @Override
        public void flowEnded(NamedFlow flow) {
            String host = hostOf(flow);
            destinations.add(flow, host);
            beacons.add(host, flow.summary().info().startNanos(), flow.summary().bytesOut());
            hours.computeIfAbsent(host, h -> new ActiveHours()).add(flow.summary().info().startNanos(),
                    flow.summary().endNanos());
            if (flow.upload() != null && ExfiltrationDetector.check(flow.upload()).isPresent()) {
                uploads.merge(host, 1L, Long::sum);
                counters.increment("behaviour_high_entropy_upload");
            }
            if (request.policy().hasPolicy()) {
                List<Contact> c = contacts.computeIfAbsent(host, h -> new ArrayList<>());
                if (c.size() < MAX_CONTACTS_PER_DESTINATION) {
                    c.add(new Contact(flow.summary().info().startNanos(), flow.summary().endNanos()));
                } else {
                    counters.increment("policy_contacts_not_kept");
                }
            }
            if (flows != null) {
                flows.add(toEntry(flow));
            }
        }
    }

    private static FlowEntry toEntry(NamedFlow named) {
        FlowSummary s = named.summary();
        return new FlowEntry(s.info().id(), s.info().transport(), s.info().device().address().toString(),
                s.info().device().port(), s.info().server().address().toString(), s.info().server().port(),
                s.info().deviceSideBy(), named.protocol(), named.recognizedBy(), named.host(), named.nameSource(),
                s.app() == null ? null : s.app().label(), s.packetsOut(), s.bytesOut(),
                s.packetsIn(), s.bytesIn(), s.payloadOut(), s.payloadIn(), s.info().firstFrame(),
                Times.iso(s.info().startNanos()), Times.iso(s.endNanos()), s.endReason(),
                merged(s.anomalies(), named.counts()));
    }

    private static Map<String, Long> merged(Map<String, Long> a, Map<String, Long> b) {
        if (b.isEmpty()) {
            return a;
        }
        java.util.TreeMap<String, Long> out = new java.util.TreeMap<>(a);
        b.forEach((k, v) -> out.merge(k, v, Long::sum));
        return out;
    }
}
