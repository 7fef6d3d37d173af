package org.phonehome.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.phonehome.Counters;
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
    private record Draft(Message message, PartHit where, MessageHits.Occurrence occurrence, String evidence) {
    }

    private Detector(ByteMatcher matcher, DetectionOptions options, Counters counters) {
        this.scanner = new MessageScanner(new ContainerScanner(matcher, ScanLimits.DEFAULT));
        // What servers send is reported, never a leak by itself: its values are matched as they stand, without
        // opening containers, so pages, scripts and media downloads cost one pass of the matcher.
        this.inboundScanner = new MessageScanner(new ContainerScanner(matcher, ScanLimits.DEFAULT.withMaxDepth(0)));
        this.evidence = new Evidence(matcher, options.reveal());
        this.counters = counters;
        this.options = options;
    }

    /** A detector for the identifiers of {@code profile}. */
    public static Detector forProfile(DeviceProfile profile, DetectionOptions options, Counters counters) {
        VariantSet set = VariantGenerator.generate(profile);
        return new Detector(ByteMatcher.compile(set.variants()), options, counters);
    }

    @Override
    public void message(FlowInfo flow, Message message) {
        boolean inbound = message.direction() == org.phonehome.flow.Direction.INBOUND;
        if (inbound) {
            counters.increment("detect_inbound_messages_matched_as_sent");
        }
        List<PartHit> hits = (inbound ? inboundScanner : scanner).scan(message, counters);
        if (hits.isEmpty()) {
            return;
        }
        for (MessageHits.Occurrence o : MessageHits.occurrences(hits)) {
            if (held + findings.size() >= options.maxFindings()) {
                counters.increment("findings_dropped");
                continue;
            }
            Hit h = o.where().hit();
            int after = h.context().length - h.contextOffset() - h.length();
            String text = evidence.of(h.context(), h.contextOffset(), h.length(), h.offset() > h.contextOffset(),
                    after >= ScanLimits.DEFAULT.contextBytes());
            pending.computeIfAbsent(flow.id(), k -> new ArrayList<>()).add(new Draft(message, o.where(), o, text));
            held++;
        }
    }

    @Override
    public void flowEnded(NamedFlow flow) {
        List<Draft> drafts = pending.remove(flow.summary().info().id());
        if (drafts == null) {
            return;
        }
        held -= drafts.size();
        FlowInfo info = flow.summary().info();
        String ip = info.server().address().toString();
        String host = flow.host() != null ? flow.host() : ip;
        String app = flow.summary().app() == null ? null : flow.summary().app().label();
        for (Draft d : drafts) {
            MessageHits.Occurrence o = d.occurrence();
            MessagePart part = d.message().parts().get(d.where().partIndex());
            findings.add(new Finding(o.variant().identifier(), o.variant().category(), o.encoding(),
                    o.layers(), part.kind(), part.name(), host, ip, info.server().port(), null,
                    d.message().protocol(), d.message().direction().jsonName(), d.message().frames(),
                    Times.iso(d.message().timestampNanos()), app, "profile", "unknown", null, d.evidence()));
        }
    }

    /** Every finding, sorted by first frame, then by identifier, part, name and encoding. */
    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>(findings);
        out.sort(ORDER);
        return out;
    }

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
