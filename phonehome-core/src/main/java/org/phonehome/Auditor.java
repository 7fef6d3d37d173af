package org.phonehome;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import org.phonehome.behaviour.ActiveHours;
import org.phonehome.behaviour.BeaconDetector;
import org.phonehome.behaviour.ExfiltrationDetector;
import org.phonehome.behaviour.BeaconScore;
import org.phonehome.behaviour.DestinationStats;
import org.phonehome.policy.Contact;
import org.phonehome.policy.PolicyEngine;
import org.phonehome.report.Destination;
import org.phonehome.report.Finding;
import org.phonehome.detect.Detector;
import org.phonehome.enrich.Enrichment;
import org.phonehome.capture.CaptureFormatException;
import org.phonehome.capture.CaptureReader;
import org.phonehome.capture.DecryptionSecrets;
import org.phonehome.proto.TlsKeys;
import org.phonehome.proto.tls.decrypt.KeyLog;
import org.phonehome.capture.CapturedPacket;
import org.phonehome.capture.Captures;
import org.phonehome.flow.FlowSummary;
import org.phonehome.flow.FlowTable;
import org.phonehome.net.PacketDecoder;
import org.phonehome.net.TransportPacket;
import org.phonehome.proto.NamedFlow;
import org.phonehome.proto.ProtocolListener;
import org.phonehome.proto.ProtocolListeners;
import org.phonehome.proto.ProtocolStage;
import org.phonehome.report.Audit;
import org.phonehome.report.CaptureSummary;
import org.phonehome.report.DeviceSummary;
import org.phonehome.report.FlowEntry;
import org.phonehome.report.Times;

/**
 * The whole analysis as one call: captures in, {@link Audit} out. Holds no state between calls.
 *
 * <p>A damaged capture does not fail the audit: reading stops at the damage, the results cover what came before,
 * and {@link CaptureSummary#incomplete()} names the file, offset and reason. A file that is not a capture at all
 * fails with {@link org.phonehome.capture.NotACaptureException}.
 */
public final class Auditor {

    /** How often (in packets) idle flows and stale IP fragments are expired and progress is reported. */
    private static final int HOUSEKEEPING_INTERVAL = 4096;
    /** Contacts kept per destination for the opt-out check; a beacon every minute for a week is 10,080. */
    private static final int MAX_CONTACTS_PER_DESTINATION = 20_000;
    /** The flow table counts new flows as {@code flow_tcp} and {@code flow_udp}. */
    private static final String FLOW_COUNTER_PREFIX = "flow_";
    /** The protocol stage counts ended flows by protocol as {@code flow_protocol_<name>}. */
    private static final String PROTOCOL_COUNTER_PREFIX = "flow_protocol_";

    /** Runs the audit. */
    public Audit audit(AuditRequest request) throws IOException {
        // The bundled geography takes a few hundred milliseconds to load: do it while the capture is read.
        java.util.concurrent.CompletableFuture<Enrichment> enrichmentLoad = request.enrichment() != null
                ? java.util.concurrent.CompletableFuture.completedFuture(request.enrichment())
                : java.util.concurrent.CompletableFuture.supplyAsync(Enrichment::bundled);
        Counters counters = new Counters();
        DestinationStats destinations = new DestinationStats();
        List<FlowEntry> flows = request.includeFlows() ? new ArrayList<>() : null;
        BeaconDetector beacons = new BeaconDetector();
        Map<String, List<Contact>> contacts = new HashMap<>();
        Map<String, ActiveHours> hours = new HashMap<>();
        Map<String, Long> uploads = new HashMap<>();
        ProtocolListener collector = new ProtocolListener() {
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
        };
        Limits limits = request.limits();
        Detector detector = request.profile() == null
                ? Detector.patternsOnly(request.detection(), counters, limits.scan())
                : Detector.forProfile(request.profile(), request.detection(), counters, limits.scan());
        List<ProtocolListener> listeners = new ArrayList<>();
        if (request.eventLog() != null) {
            listeners.add(request.eventLog());
        }
        listeners.add(detector);
        listeners.add(collector);
        ProtocolListener listener = ProtocolListeners.of(listeners.toArray(new ProtocolListener[0]));
        TlsKeys keys = new TlsKeys(request.keys());
        ProtocolStage protocols = new ProtocolStage(listener, counters, keys, limits.protocols());
        PacketDecoder decoder = new PacketDecoder(counters, limits.net());
        FlowTable table = new FlowTable(limits.flowConfig(request.deviceIp()), protocols, counters);

        Reading reading = new Reading();
        for (int index = 0; index < request.captures().size(); index++) {
            read(request, index, reading, decoder, table, keys, counters);
        }
        decoder.finish();
        table.finish();

        if (flows != null) {
            flows.sort(java.util.Comparator.comparingLong(FlowEntry::id));
        }
        Map<String, Long> all = counters.snapshot();
        boolean none = reading.packets == 0;
        CaptureSummary capture = new CaptureSummary(reading.names, reading.formats, reading.packets, reading.bytes,
                none ? null : Times.iso(reading.first), none ? null : Times.iso(reading.last),
                section(all, "decoded."), section(all, "undecoded."), flowCounts(all),
                section(all, PROTOCOL_COUNTER_PREFIX), anomalies(all), reading.incomplete);
        DeviceSummary device = new DeviceSummary(request.profile() == null ? null : request.profile().name(),
                request.deviceIp() == null ? null : request.deviceIp().toString());
        Enrichment enrichment = enrichmentLoad.join();
        PolicyEngine policy = request.policy();
        List<Destination> named = new ArrayList<>();
        for (Destination d : enrichment.destinations(destinations.destinations())) {
            Destination.Beacon beacon = beacons.score(d.host()).filter(BeaconScore::isBeacon)
                    .map(BeaconScore::toReport).orElse(null);
            d = d.withBeacon(beacon).withActivity(
                    hours.containsKey(d.host()) ? hours.get(d.host()).hours() : List.of(), uploads.getOrDefault(d.host(), 0L));
            named.add(policy.hasPolicy() ? policy.judge(d, contacts.getOrDefault(d.host(), List.of())) : d);
        }
        List<Finding> judged = new ArrayList<>();
        for (Finding f : enrichment.findings(detector.findings())) {
            judged.add(policy.judge(f));
        }
        return new Audit(Audit.SCHEMA_VERSION, capture, device, named, judged, flows);
    }

    /** What reading the captures has found so far. */
    private static final class Reading {
        final List<String> names = new ArrayList<>();
        final List<String> formats = new ArrayList<>();
        CaptureSummary.Incomplete incomplete;
        long packets;
        long bytes;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
    }

    /**
     * Reads one capture into the decoder and flow table. Damage ends this capture (recorded in
     * {@code reading.incomplete}); the next one is still read.
     */
    private static void read(AuditRequest request, int index, Reading reading, PacketDecoder decoder,
                             FlowTable table, TlsKeys keys, Counters counters) throws IOException {
        CaptureInput input = request.captures().get(index);
        reading.names.add(input.name());
        int secretsSeen = 0;
        try (InputStream in = input.opener().open();
             CaptureReader reader = Captures.open(in, input.name(), reading.packets + 1)) {
            reading.formats.add(reader.format());
            try {
                CapturedPacket p;
                while ((p = reader.next()) != null) {
                    reading.packets++;
                    reading.bytes += p.originalLength();
                    if (reader.secrets().size() > secretsSeen) {
                        secretsSeen = useSecrets(reader, secretsSeen, keys, input.name(), counters);
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
                        request.progress().update(input.name(), index, reader.offset(), input.size());
                    }
                }
            } catch (CaptureFormatException e) {
                if (reading.incomplete == null) {
                    reading.incomplete = new CaptureSummary.Incomplete(input.name(), e.offset(), e.reason());
                }
                counters.increment("anomaly.capture_damaged");
            } finally {
                // pcapng custom blocks are records tshark shows as frames: count them so packets match.
                long customBlocks = reader.counters().get("pcapng_custom_block");
                reading.packets += customBlocks;
                counters.add("decoded.pcapng_custom_block", customBlocks);
                counters.addAll(prefixed("anomaly.", reader.counters()));
                request.progress().update(input.name(), index, reader.offset(), input.size());
            }
        }
    }

    /** Adds the pcapng Decryption Secrets Blocks read since {@code seen} to the keys; returns how many were read. */
    private static int useSecrets(CaptureReader reader, int seen, TlsKeys keys, String name, Counters counters) {
        List<DecryptionSecrets> all = reader.secrets();
        for (int i = seen; i < all.size(); i++) {
            DecryptionSecrets s = all.get(i);
            if (s.secretsType() == DecryptionSecrets.TLS_KEY_LOG) {
                KeyLog log = KeyLog.parse(s.data(), name + " (decryption secrets block " + (i + 1) + ")");
                counters.add("tls_keylog_malformed_lines", log.warningCount());
                keys.add(log);
            } else {
                counters.increment("pcapng_secrets_unsupported_type");
            }
        }
        return all.size();
    }

    /** The destination key {@link DestinationStats} uses: the host name, else the server's address. */
    private static String hostOf(NamedFlow flow) {
        return flow.host() != null ? flow.host() : flow.summary().info().server().address().toString();
    }

    private static Counters prefixed(String prefix, Counters source) {
        Counters out = new Counters();
        source.snapshot().forEach((k, v) -> out.add(prefix + k, v));
        return out;
    }

    /** The counters under {@code prefix}, with the prefix removed. */
    private static Map<String, Long> section(Map<String, Long> all, String prefix) {
        java.util.TreeMap<String, Long> out = new java.util.TreeMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** Flows by transport, from the flow table's {@code flow_tcp} and {@code flow_udp} counters. */
    private static Map<String, Long> flowCounts(Map<String, Long> all) {
        java.util.TreeMap<String, Long> out = new java.util.TreeMap<>();
        for (String transport : List.of("tcp", "udp")) {
            out.put(transport, all.getOrDefault(FLOW_COUNTER_PREFIX + transport, 0L));
        }
        return out;
    }

    /** Every counter that is neither a packet count nor a flow count. */
    private static Map<String, Long> anomalies(Map<String, Long> all) {
        java.util.TreeMap<String, Long> out = new java.util.TreeMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith("decoded.") || k.startsWith("undecoded.") || k.startsWith(PROTOCOL_COUNTER_PREFIX)
                    || k.equals(FLOW_COUNTER_PREFIX + "tcp")
                    || k.equals(FLOW_COUNTER_PREFIX + "udp")) {
                return;
            }
            out.put(k.startsWith("anomaly.") ? k.substring("anomaly.".length()) : k, v);
        });
        return out;
    }

    private static Map<String, Long> merged(Map<String, Long> a, Map<String, Long> b) {
        if (b.isEmpty()) {
            return a;
        }
        java.util.TreeMap<String, Long> out = new java.util.TreeMap<>(a);
        b.forEach((k, v) -> out.merge(k, v, Long::sum));
        return out;
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
}
