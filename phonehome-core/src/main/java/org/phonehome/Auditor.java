package org.phonehome;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import org.phonehome.behaviour.ActiveHours;
import org.phonehome.behaviour.BeaconDetector;
import org.phonehome.behaviour.BeaconScore;
import org.phonehome.behaviour.DestinationStats;
import org.phonehome.capture.CaptureBuffers;
import org.phonehome.policy.Contact;
import org.phonehome.policy.PolicyEngine;
import org.phonehome.report.Destination;
import org.phonehome.report.Finding;
import org.phonehome.detect.Detector;
import org.phonehome.enrich.Enrichment;
import org.phonehome.flow.AssignmentReleases;
import org.phonehome.flow.FlowAssignment;
import org.phonehome.flow.FlowBudget;
import org.phonehome.flow.FlowConfig;
import org.phonehome.flow.FlowShard;
import org.phonehome.enrich.HostNames;
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

    /** The flow table counts new flows as {@code flow_tcp} and {@code flow_udp}. */
    private static final String FLOW_COUNTER_PREFIX = "flow_";
    /** The protocol stage counts ended flows by protocol as {@code flow_protocol_<name>}. */
    private static final String PROTOCOL_COUNTER_PREFIX = "flow_protocol_";

    /** Where new flows go with several workers; null for the worker least behind ({@link WorkerThreads}). */
    private final FlowAssignment.Chooser chooser;
    private final ReadBufferSettings bufferSettings;
    /** Read buffers the last audit used again; for tests. */
    long buffersReused;

    /** An auditor. */
    public Auditor() {
        this(null);
    }

    /** An auditor whose parallel audits give each new flow to the worker {@code chooser} names (for tests). */
    Auditor(FlowAssignment.Chooser chooser) {
        this(chooser, ReadBufferSettings.DEFAULT);
    }

    /** As {@link #Auditor(FlowAssignment.Chooser)}, reading into buffers as {@code bufferSettings} says (for tests). */
    Auditor(FlowAssignment.Chooser chooser, ReadBufferSettings bufferSettings) {
        this.chooser = chooser;
        this.bufferSettings = bufferSettings;
    }

    /**
     * Runs the audit. With {@link AuditRequest#threads()} above one, this thread reads and decodes the captures
     * and that many workers, this thread's and one on each further thread, each follow a share of the flows
     * ({@link WorkerThreads}, {@link FlowAssignment}); the report is the
     * same as with one thread, unless a bound (flows held, findings, names or contacts kept) was reached. A
     * protocol event log makes it one thread (its lines are in capture order).
     */
    public Audit audit(AuditRequest request) throws IOException {
        // The bundled geography takes a few hundred milliseconds to load: do it while the capture is read.
        java.util.concurrent.CompletableFuture<Enrichment> enrichmentLoad = request.enrichment() != null
                ? java.util.concurrent.CompletableFuture.completedFuture(request.enrichment())
                : java.util.concurrent.CompletableFuture.supplyAsync(Enrichment::bundled);
        int count = workers(request);
        FlowConfig flowConfig = request.limits().flowConfig(request.deviceIp());
        // The workers' tables hold the flows together within the bound, whichever worker new flows go to.
        FlowBudget budget = request.limits().flowBudget(count, flowConfig.maxFlows());
        AuditWorker[] workers = new AuditWorker[count];
        HostNames names = new HostNames(new WorkerBarrier(workers));
        AuditReader reader;
        // Delivered TCP bytes are read again from the capture files for retransmission checks, not copied.
        try (CaptureBuffers captureBuffers = new CaptureBuffers(bufferSettings.recentBuffers())) {
            for (int i = 0; i < count; i++) {
                workers[i] = new AuditWorker(request, new FlowShard(i, count), names, flowConfig, budget,
                        i == 0 ? null : workers[0], captureBuffers, count == 1 ? null : new AssignmentReleases(i));
            }
            reader = new AuditReader(request, captureBuffers, bufferSettings);
            if (count == 1) {
                reader.run(workers[0]);
                workers[0].finish();
            } else {
                WorkerThreads threads = new WorkerThreads(workers, flowConfig, chooser);
                try {
                    reader.run(threads);
                } catch (IOException | RuntimeException | Error e) {
                    threads.abandon();
                    throw e;
                }
                threads.finish();
            }
        }
        buffersReused = reader.buffersReused;

        Counters counters = new Counters();
        counters.addAll(reader.counters);
        DestinationStats destinations = new DestinationStats();
        BeaconDetector beacons = new BeaconDetector();
        Map<String, List<Contact>> contacts = new HashMap<>();
        Map<String, ActiveHours> hours = new HashMap<>();
        Map<String, Long> uploads = new HashMap<>();
        List<FlowEntry> flows = request.includeFlows() ? new ArrayList<>() : null;
        for (AuditWorker w : workers) {
            counters.addAll(w.counters);
            destinations.merge(w.destinations);
            beacons.merge(w.beacons);
            w.contacts.forEach((host, c) -> contacts.computeIfAbsent(host, h -> new ArrayList<>()).addAll(c));
            w.hours.forEach((host, h) -> hours.computeIfAbsent(host, x -> new ActiveHours()).merge(h));
            w.uploads.forEach((host, n) -> uploads.merge(host, n, Long::sum));
            if (flows != null) {
                flows.addAll(w.flows);
            }
        }
        contacts.values().forEach(c -> c.sort(java.util.Comparator.comparingLong(Contact::startNanos)
                .thenComparingLong(Contact::endNanos)));
        if (flows != null) {
            flows.sort(java.util.Comparator.comparingLong(FlowEntry::id));
        }
        List<Finding> found = Detector.merged(java.util.Arrays.stream(workers).map(w -> w.detector).toList(),
                request.detection().maxFindings(), counters);

        Map<String, Long> all = counters.snapshot();
        boolean none = reader.packets == 0;
        CaptureSummary capture = new CaptureSummary(reader.names, reader.formats, reader.packets, reader.bytes,
                none ? null : Times.iso(reader.first), none ? null : Times.iso(reader.last),
                section(all, "decoded."), section(all, "undecoded."), flowCounts(all),
                section(all, PROTOCOL_COUNTER_PREFIX), anomalies(all), reader.incomplete);
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
        for (Finding f : enrichment.findings(found)) {
            judged.add(policy.judge(f));
        }
        return new Audit(Audit.SCHEMA_VERSION, capture, device, named, judged, flows);
    }

    /** How many workers the request can use. */
    private static int workers(AuditRequest request) {
        if (request.eventLog() != null) {
            return 1;
        }
        return Math.max(1, request.threads());
    }

    /** The workers' progress, for the DNS names a flow's naming needs from all of them. */
    private record WorkerBarrier(AuditWorker[] workers) implements HostNames.FrameBarrier {
        @Override
        public boolean passed(long frame) {
            for (AuditWorker w : workers) {
                if (w.framesDone() < frame) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void awaitFramesBefore(long frame) {
            int spins = 0;
            while (!passed(frame)) {
                if (++spins < 100) {
                    Thread.onSpinWait();
                } else {
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                }
            }
        }
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
}
