package org.phonehome;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.phonehome.behaviour.ActiveHours;
import org.phonehome.behaviour.BeaconDetector;
import org.phonehome.behaviour.DestinationStats;
import org.phonehome.behaviour.ExfiltrationDetector;
import org.phonehome.capture.CaptureFormatException;
import org.phonehome.capture.CaptureReader;
import org.phonehome.capture.CapturedPacket;
import org.phonehome.capture.Captures;
import org.phonehome.capture.DecryptionSecrets;
import org.phonehome.detect.Detector;
import org.phonehome.enrich.HostNames;
import org.phonehome.flow.FlowConfig;
import org.phonehome.flow.FlowShard;
import org.phonehome.flow.FlowSummary;
import org.phonehome.flow.FlowTable;
import org.phonehome.net.PacketDecoder;
import org.phonehome.net.TransportPacket;
import org.phonehome.policy.Contact;
import org.phonehome.proto.NamedFlow;
import org.phonehome.proto.ProtocolListener;
import org.phonehome.proto.ProtocolListeners;
import org.phonehome.proto.ProtocolStage;
import org.phonehome.proto.TlsKeys;
import org.phonehome.proto.tls.decrypt.KeyLog;
import org.phonehome.report.CaptureSummary;
import org.phonehome.report.FlowEntry;
import org.phonehome.report.Times;

/**
 * One worker of an audit: reads every capture, decodes every packet, and follows the flows of its
 * {@link FlowShard} through reassembly, protocols, detection and behaviour. Workers share only the DNS names
 * ({@link HostNames}); what each collects is merged by {@link Auditor}. Worker 0 alone counts what is the same for
 * all (packets, decoding, capture damage) and reports progress.
 */
final class AuditWorker implements Runnable {

    /** How often (in packets) idle flows and stale IP fragments are expired and progress is reported. */
    private static final int HOUSEKEEPING_INTERVAL = 4096;
    /** Contacts kept per destination for the opt-out check; a beacon every minute for a week is 10,080. */
    static final int MAX_CONTACTS_PER_DESTINATION = 20_000;

    private final AuditRequest request;
    private final FlowShard shard;
    /** Counters of this worker's flows, protocols and detection. */
    final Counters counters = new Counters();
    /** Counters of reading and decoding: the audit's for worker 0, thrown away for the others (they repeat them). */
    private final Counters readCounters;
    final DestinationStats destinations = new DestinationStats();
    final List<FlowEntry> flows;
    final BeaconDetector beacons = new BeaconDetector();
    final Map<String, List<Contact>> contacts = new HashMap<>();
    final Map<String, ActiveHours> hours = new HashMap<>();
    final Map<String, Long> uploads = new HashMap<>();
    final Detector detector;
    final Reading reading = new Reading();
    private final TlsKeys keys;
    private final PacketDecoder decoder;
    private final FlowTable table;
    /** Frames before this one are fully handled (their DNS answers added); read by the other workers. */
    private volatile long framesDone;
    private Throwable failure;

    /** What reading the captures has found. */
    static final class Reading {
        final List<String> names = new ArrayList<>();
        final List<String> formats = new ArrayList<>();
        CaptureSummary.Incomplete incomplete;
        long packets;
        long bytes;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
    }

    AuditWorker(AuditRequest request, FlowShard shard, HostNames names, FlowConfig flowConfig) {
        this.request = request;
        this.shard = shard;
        this.readCounters = shard.index() == 0 ? counters : new Counters();
        this.flows = request.includeFlows() ? new ArrayList<>() : null;
        this.detector = request.profile() == null ? Detector.patternsOnly(request.detection(), counters)
                : Detector.forProfile(request.profile(), request.detection(), counters);
        List<ProtocolListener> listeners = new ArrayList<>();
        if (request.eventLog() != null) {
            listeners.add(request.eventLog());
        }
        listeners.add(detector);
        listeners.add(new Collector());
        ProtocolListener listener = ProtocolListeners.of(listeners.toArray(new ProtocolListener[0]));
        this.keys = new TlsKeys(request.keys());
        ProtocolStage protocols = new ProtocolStage(listener, counters, keys, names);
        this.decoder = new PacketDecoder(readCounters);
        this.table = new FlowTable(flowConfig, protocols, counters, shard);
    }

    /** Frames before this one are fully handled by this worker. */
    long framesDone() {
        return framesDone;
    }

    /** What ended the run abnormally, or null. */
    Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        try {
            for (int index = 0; index < request.captures().size(); index++) {
                read(index);
            }
            decoder.finish();
            // Flows end now, and their names need every worker's answers: say this one has none left to add.
            framesDone = Long.MAX_VALUE;
            table.finish();
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
        } finally {
            framesDone = Long.MAX_VALUE;
        }
    }

    /**
     * Reads one capture into the decoder and flow table. Damage ends this capture (recorded in
     * {@code reading.incomplete}); the next one is still read.
     */
    private void read(int index) throws IOException {
        CaptureInput input = request.captures().get(index);
        reading.names.add(input.name());
        boolean reports = shard.index() == 0;
        int secretsSeen = 0;
        try (InputStream in = input.opener().open();
             CaptureReader reader = Captures.open(in, input.name(), reading.packets + 1)) {
            reading.formats.add(reader.format());
            try {
                CapturedPacket p;
                while ((p = reader.next()) != null) {
                    reading.packets++;
                    framesDone = p.frameNumber();
                    reading.bytes += p.originalLength();
                    if (reader.secrets().size() > secretsSeen) {
                        secretsSeen = useSecrets(reader, secretsSeen, input.name());
                    }
                    long t = p.timestampNanos();
                    reading.first = Math.min(reading.first, t);
                    reading.last = Math.max(reading.last, t);
                    TransportPacket tp = decoder.decode(p);
                    if (tp != null) {
                        table.packet(tp);
                    }
                    if ((reading.packets & (HOUSEKEEPING_INTERVAL - 1)) == 0) {
                        table.advanceTime(reading.last);
                        decoder.expire(reading.last);
                        if (reports) {
                            request.progress().update(input.name(), index, reader.offset(), input.size());
                        }
                    }
                }
            } catch (CaptureFormatException e) {
                if (reading.incomplete == null) {
                    reading.incomplete = new CaptureSummary.Incomplete(input.name(), e.offset(), e.reason());
                }
                readCounters.increment("anomaly.capture_damaged");
            } finally {
                // pcapng custom blocks are records tshark shows as frames: count them so packets match.
                long customBlocks = reader.counters().get("pcapng_custom_block");
                reading.packets += customBlocks;
                readCounters.add("decoded.pcapng_custom_block", customBlocks);
                reader.counters().snapshot().forEach((k, v) -> readCounters.add("anomaly." + k, v));
                if (reports) {
                    request.progress().update(input.name(), index, reader.offset(), input.size());
                }
            }
        }
    }

    /** Adds the pcapng Decryption Secrets Blocks read since {@code seen} to the keys; returns how many were read. */
    private int useSecrets(CaptureReader reader, int seen, String name) {
        List<DecryptionSecrets> all = reader.secrets();
        for (int i = seen; i < all.size(); i++) {
            DecryptionSecrets s = all.get(i);
            if (s.secretsType() == DecryptionSecrets.TLS_KEY_LOG) {
                KeyLog log = KeyLog.parse(s.data(), name + " (decryption secrets block " + (i + 1) + ")");
                readCounters.add("tls_keylog_malformed_lines", log.warningCount());
                keys.add(log);
            } else {
                readCounters.increment("pcapng_secrets_unsupported_type");
            }
        }
        return all.size();
    }

    /** The destination key {@link DestinationStats} uses: the host name, else the server's address. */
    static String hostOf(NamedFlow flow) {
        return flow.host() != null ? flow.host() : flow.summary().info().server().address().toString();
    }

    /** Folds each ended flow into the per-destination behaviour. */
    private final class Collector implements ProtocolListener {
        @Override
        public void flowEnded(NamedFlow flow) {
            destinations.add(flow);
            String host = hostOf(flow);
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
