package org.phonehome.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.phonehome.ByteSearch;
import org.phonehome.Counters;
import org.phonehome.detect.pattern.PatternConfig;
import org.phonehome.detect.pattern.PatternDetector;
import org.phonehome.detect.pattern.PatternHit;
import org.phonehome.detect.profile.DeviceProfile;
import org.phonehome.detect.profile.VariantGenerator;
import org.phonehome.detect.profile.VariantSet;
import org.phonehome.detect.scan.ByteMatcher;
import org.phonehome.detect.scan.ContainerScanner;
import org.phonehome.detect.scan.Hit;
import org.phonehome.detect.scan.MessageScanner;
import org.phonehome.detect.scan.PartHit;
import org.phonehome.detect.scan.ScanLimits;
import org.phonehome.flow.FlowInfo;
import org.phonehome.proto.Message;
import org.phonehome.proto.MessagePart;
import org.phonehome.proto.NamedFlow;
import org.phonehome.proto.ProtocolListener;
import org.phonehome.proto.http.HttpRequest;
import org.phonehome.proto.http.HttpResponse;
import org.phonehome.proto.http.MediaTypes;
import org.phonehome.report.Finding;
import org.phonehome.report.Times;

/**
 * Detection: scans every message for the device profile's identifiers in all their variants and turns each
 * occurrence into a {@link Finding} with its evidence. Messages the device sent are opened recursively (URL
 * encoding, base64, hex, JSON escapes, gzip/zlib); messages it received are matched as they stand. Findings wait for their flow to end, because only then is
 * the destination's name settled (an SNI or Host may name it after the first message).
 */
public final class Detector implements ProtocolListener {

    private final MessageScanner scanner;
    private final MessageScanner inboundScanner;
    private final Evidence evidence;
    private final Counters counters;
    private final DetectionOptions options;
    private final Map<Long, List<Draft>> pending = new HashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private int held;

    /** A finding before its flow's name is known. */
    private record Draft(Message message, int partIndex, String identifier, String category, String encoding,
                         List<String> layers, String source, String evidence) {
    }

    private final PatternDetector patterns;
    private final java.util.Set<String> profileValues;
    private final ByteMatcher matcher;
    private final ScanLimits limits;

    private Detector(ByteMatcher matcher, PatternDetector patterns, java.util.Set<String> profileValues,
                     DetectionOptions options, Counters counters, ScanLimits limits) {
        this.matcher = matcher;
        this.limits = limits;
        this.patterns = patterns;
        this.profileValues = profileValues;
        this.scanner = new MessageScanner(new ContainerScanner(matcher, limits, ContainerScanner.MAX_REMEMBERED_PARTS));
        // What servers send is reported, never a leak by itself: its values are matched as they stand, without
        // opening containers, so pages, scripts and media downloads cost one pass of the matcher.
        this.inboundScanner = new MessageScanner(new ContainerScanner(matcher, limits.withMaxDepth(0),
                ContainerScanner.MAX_REMEMBERED_PARTS));
        this.evidence = new Evidence(matcher, options.reveal());
        this.counters = counters;
        this.options = options;
    }

    /**
     * A detector for the identifiers of {@code profile}, and, when the options ask for them, the generic validators
     * for identifiers it does not name (their findings have {@code source: pattern}).
     */
    public static Detector forProfile(DeviceProfile profile, DetectionOptions options, Counters counters) {
        return forProfile(profile, options, counters, ScanLimits.DEFAULT);
    }

    /** As {@link #forProfile(DeviceProfile, DetectionOptions, Counters)}, opening containers within {@code limits}. */
    public static Detector forProfile(DeviceProfile profile, DetectionOptions options, Counters counters,
                                      ScanLimits limits) {
        VariantSet set = VariantGenerator.generate(profile);
        java.util.Set<String> plain = new java.util.HashSet<>();
        for (IdentifierVariant v : set.variants()) {
            if (v.encoding().equals("plain")) {
                plain.add(new String(v.bytes(), java.nio.charset.StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return new Detector(ByteMatcher.compile(set.variants()),
                options.patterns() ? new PatternDetector(PatternConfig.all(PatternRegion.of(profile))) : null, plain,
                options, counters, limits);
    }

    /**
     * A detector for another worker: the same compiled identifiers and validators (immutable, so shared rather
     * than compiled again), its own findings and counters.
     */
    public Detector sibling(Counters siblingCounters) {
        return new Detector(matcher, patterns, profileValues, options, siblingCounters, limits);
    }

    /** A detector without a profile: only the generic validators. */
    public static Detector patternsOnly(DetectionOptions options, Counters counters) {
        return patternsOnly(options, counters, ScanLimits.DEFAULT);
    }

    /** A detector without a profile, opening containers within {@code limits}. */
    public static Detector patternsOnly(DetectionOptions options, Counters counters, ScanLimits limits) {
        return new Detector(ByteMatcher.compile(List.of()), new PatternDetector(PatternConfig.all(null)),
                java.util.Set.of(), options, counters, limits);
    }

    @Override
    public void message(FlowInfo flow, Message message) {
        boolean inbound = message.direction() == org.phonehome.flow.Direction.INBOUND;
        boolean validators = patterns != null && !inbound && !message.protocol().equals("dns");
        if (validators) {
            message = message.full(); // the validators read the structured parts
        }
        Message scanned = inbound ? withoutMediaBody(message) : message;
        MessageScanner by = inbound ? inboundScanner : scanner;
        List<PartHit> hits = by.scan(scanned, counters);
        if (scanned.deferred() != null && needsStructure(scanned, hits, inbound)) {
            // The structured parts repeat the body's bytes: made and scanned only to name where a hit was.
            message = message.full();
            scanned = inbound ? withoutMediaBody(message) : message;
            hits = by.scan(scanned, counters);
        }
        List<MessageHits.Occurrence> occurrences = MessageHits.occurrences(hits);
        // Indexed loops on this per-message path: the client compiler makes an object for every iterator.
        for (int k = 0; k < occurrences.size(); k++) {
            MessageHits.Occurrence o = occurrences.get(k);
            Hit h = o.where().hit();
            int after = h.context().length - h.contextOffset() - h.length();
            String text = evidence.of(h.context(), h.contextOffset(), h.length(), h.offset() > h.contextOffset(),
                    after >= ScanLimits.DEFAULT.contextBytes());
            hold(flow, new Draft(message, o.where().partIndex(), o.variant().identifier(), o.variant().category(),
                    o.encoding(), o.layers(), "profile", text));
        }
        if (validators) {
            patternScan(flow, message);
        }
    }

    /**
     * Whether the deferred parts of {@code m} could hold a hit: when its body had one, or, for received messages
     * (scanned without opening escapes), when the body has a backslash, so a JSON string escape can hide a value
     * that only the decoded JSON values show.
     */
    private static boolean needsStructure(Message m, List<PartHit> hits, boolean inbound) {
        for (int k = 0; k < hits.size(); k++) {
            if (hits.get(k).kind().equals(MessagePart.Kinds.BODY)) {
                return true;
            }
        }
        if (inbound) {
            List<MessagePart> parts = m.parts();
            for (int k = 0; k < parts.size(); k++) {
                MessagePart p = parts.get(k);
                byte[] v = p.value();
                if (p.kind().equals(MessagePart.Kinds.BODY) && ByteSearch.indexOf(v, 0, v.length, (byte) '\\') >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private void hold(FlowInfo flow, Draft d) {
        if (held + findings.size() >= options.maxFindings()) {
            counters.increment("findings_dropped");
            return;
        }
        pending.computeIfAbsent(flow.id(), k -> new ArrayList<>()).add(d);
        held++;
    }

    /**
     * The generic validators over what the device sent: the structured parts (query, form, JSON, cookies, headers
     * that can carry data) and raw streams; the whole URL or body only when nothing structured came from it.
     * Values the profile already names are left to the profile's findings.
     */
    private void patternScan(FlowInfo flow, Message m) {
        boolean hasQuery = false;
        boolean hasFields = false;
        for (MessagePart p : m.parts()) {
            hasQuery |= p.kind().equals(MessagePart.Kinds.QUERY);
            hasFields |= p.kind().equals(MessagePart.Kinds.FORM) || p.kind().equals(MessagePart.Kinds.JSON);
        }
        for (int i = 0; i < m.parts().size(); i++) {
            MessagePart p = m.parts().get(i);
            String kind = p.kind();
            if (kind.equals(MessagePart.Kinds.URL) && hasQuery || kind.equals(MessagePart.Kinds.BODY) && hasFields
                    || kind.equals(MessagePart.Kinds.HEADER) && PatternHeaders.carriesNoData(p.name())) {
                continue;
            }
            for (PatternHit hit : patterns.scan(p.value(), 0, p.value().length, p.name())) {
                if (profileValues.contains(hit.value().toLowerCase(java.util.Locale.ROOT))) {
                    continue;
                }
                int from = Math.max(0, hit.offset() - ScanLimits.DEFAULT.contextBytes());
                int to = Math.min(p.value().length, hit.end() + ScanLimits.DEFAULT.contextBytes());
                byte[] context = java.util.Arrays.copyOfRange(p.value(), from, to);
                String text = evidence.of(context, hit.offset() - from, hit.length(), from > 0, to < p.value().length);
                hold(flow, new Draft(m, i, hit.identifier(), hit.category(), "plain", p.layers(), "pattern", text));
            }
        }
    }

    /**
     * A received message without its body when the body is media or an archive ({@link MediaTypes}); skipped
     * bytes are counted ({@code detect_inbound_media_bytes_not_scanned}). The HTTP parsers do not keep such bodies
     * at all ({@link #httpResponse}, {@link #http2Response}); this drops those of any other protocol.
     */
    private Message withoutMediaBody(Message m) {
        String type = null;
        for (MessagePart p : m.parts()) {
            if (MessagePart.Kinds.HEADER.equals(p.kind()) && "content-type".equalsIgnoreCase(p.name())) {
                type = new String(p.value(), java.nio.charset.StandardCharsets.ISO_8859_1);
                break;
            }
        }
        if (!MediaTypes.isMedia(type)) {
            return m;
        }
        List<MessagePart> kept = new ArrayList<>(m.parts().size());
        for (MessagePart p : m.parts()) {
            if (MessagePart.Kinds.BODY.equals(p.kind())) {
                notScanned(p.value().length);
            } else {
                kept.add(p);
            }
        }
        return new Message(m.flowId(), m.direction(), m.protocol(), kept, m.frames(), m.timestampNanos());
    }

    /** Counts the received media bodies that the HTTP/1.x parser framed without keeping. */
    @Override
    public void httpResponse(FlowInfo flow, HttpResponse response) {
        notScanned(response.body().notKept());
    }

    /** Counts the received media bodies that the HTTP/2 parser counted without keeping. */
    @Override
    public void http2Response(FlowInfo flow, org.phonehome.proto.http2.Http2Response response) {
        notScanned(response.bodyNotKept());
    }

    @Override
    public void httpRequest(FlowInfo flow, HttpRequest request) {
        notScanned(request.body().notKept());
    }

    /** Counts received media bytes that were not searched (none: no counter, so reports without media lack it). */
    private void notScanned(long bytes) {
        if (bytes > 0) {
            counters.add(MEDIA_NOT_SCANNED, bytes);
        }
    }

    @Override
    public void flowEnded(NamedFlow flow) {
        // Most flows held nothing, and most of the time no flow holds anything: no id boxed to find that out.
        List<Draft> drafts = pending.isEmpty() ? null : pending.remove(flow.summary().info().id());
        if (drafts == null) {
            return;
        }
        held -= drafts.size();
        FlowInfo info = flow.summary().info();
        String ip = info.server().address().toString();
        String host = flow.host() != null ? flow.host() : ip;
        String app = flow.summary().app() == null ? null : flow.summary().app().label();
        for (Draft d : drafts) {
            MessagePart part = d.message().parts().get(d.partIndex());
            findings.add(new Finding(d.identifier(), d.category(), d.encoding(), d.layers(), part.kind(), part.name(),
                    host, ip, info.server().port(), null, d.message().protocol(), d.message().direction().jsonName(),
                    d.message().frames(), Times.iso(d.message().timestampNanos()), app, d.source(), "unknown", null,
                    d.evidence()));
        }
    }

    /** Every finding, sorted by first frame, then by identifier, part, name and encoding. */
    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>(findings);
        out.sort(ORDER);
        return out;
    }

    /**
     * The findings of several workers' detectors, each of which saw a share of the flows: sorted as
     * {@link #findings()}, and at most {@code maxFindings} (the rest counted as {@code findings_dropped}).
     */
    public static List<Finding> merged(List<Detector> detectors, int maxFindings, Counters counters) {
        if (detectors.size() == 1) {
            return detectors.get(0).findings();
        }
        List<Finding> out = new ArrayList<>();
        for (Detector d : detectors) {
            out.addAll(d.findings);
        }
        out.sort(ORDER);
        if (out.size() > maxFindings) {
            counters.add("findings_dropped", out.size() - maxFindings);
            out = new ArrayList<>(out.subList(0, maxFindings));
        }
        return out;
    }

    /** Bytes of received media bodies that were not searched. */
    private static final String MEDIA_NOT_SCANNED = "detect_inbound_media_bytes_not_scanned";

    /** Sorting for byte-identical reports. */
    static final Comparator<Finding> ORDER = Comparator
            .comparingLong((Finding f) -> f.frames().isEmpty() ? Long.MAX_VALUE : f.frames().get(0))
            .thenComparing(Finding::identifier)
            .thenComparing(Finding::part)
            .thenComparing(f -> f.name() == null ? "" : f.name())
            .thenComparing(Finding::encoding)
            .thenComparing(f -> String.join(",", f.layers()))
            .thenComparing(Finding::evidence);
}
