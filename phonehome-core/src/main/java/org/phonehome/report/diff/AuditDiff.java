package org.phonehome.report.diff;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.phonehome.report.Audit;
import org.phonehome.report.Destination;
import org.phonehome.report.Finding;

/**
 * What changed from one audit to another, for the before/after question ("did the update stop the leaks?").
 *
 * <p>Findings are matched by {@link FindingKey} (identifier, encoding, part, name, host, direction), ignoring frames,
 * times and how many times each occurred; destinations by host. Every list is sorted (findings by host, then
 * identifier...; destinations by host), so the same two audits always give the same diff.
 *
 * @param findingsAppeared        leaks only in the after audit
 * @param findingsDisappeared     leaks only in the before audit
 * @param verdictChanged          leaks in both whose verdict differs
 * @param destinationsAppeared    destinations only contacted after
 * @param destinationsDisappeared destinations only contacted before
 * @param destinationsChanged     destinations in both whose contact after opt-out or flow count differs
 * @param worseReasons            why it is worse, one phrase each (empty when it is not): a new violation (a leak
 *                                that appeared as a violation, or a verdict that became one), a new contact after
 *                                opt-out (a new destination contacted after opt-out, or one that was not before), a
 *                                new destination of personal data (a host with outbound findings after and none
 *                                before)
 */
@JsonPropertyOrder({"worse", "worse_reasons", "findings_appeared", "findings_disappeared", "verdict_changed",
    "destinations_appeared", "destinations_disappeared", "destinations_changed"})
public record AuditDiff(List<FindingGroup> findingsAppeared, List<FindingGroup> findingsDisappeared,
                        List<VerdictChange> verdictChanged, List<Destination> destinationsAppeared,
                        List<Destination> destinationsDisappeared, List<DestinationChange> destinationsChanged,
                        List<String> worseReasons) {

    public AuditDiff {
        findingsAppeared = List.copyOf(findingsAppeared);
        findingsDisappeared = List.copyOf(findingsDisappeared);
        verdictChanged = List.copyOf(verdictChanged);
        destinationsAppeared = List.copyOf(destinationsAppeared);
        destinationsDisappeared = List.copyOf(destinationsDisappeared);
        destinationsChanged = List.copyOf(destinationsChanged);
        worseReasons = List.copyOf(worseReasons);
    }

    /** Compares {@code before} with {@code after}. */
    public static AuditDiff compare(Audit before, Audit after) {
        Map<FindingKey, FindingGroup> b = groups(before.findings());
        Map<FindingKey, FindingGroup> a = groups(after.findings());
        List<FindingGroup> appeared = new ArrayList<>();
        List<VerdictChange> changed = new ArrayList<>();
        a.forEach((key, group) -> {
            FindingGroup old = b.get(key);
            if (old == null) {
                appeared.add(group);
            } else if (!Objects.equals(old.verdict(), group.verdict())) {
                changed.add(new VerdictChange(key, old.verdict(), group.verdict(), old.rule(), group.rule()));
            }
        });
        List<FindingGroup> disappeared = b.values().stream().filter(g -> !a.containsKey(g.key())).toList();

        Map<String, Destination> db = byHost(before.destinations());
        Map<String, Destination> da = byHost(after.destinations());
        List<Destination> dAppeared = da.values().stream().filter(d -> !db.containsKey(d.host())).toList();
        List<Destination> dGone = db.values().stream().filter(d -> !da.containsKey(d.host())).toList();
        List<DestinationChange> dChanged = new ArrayList<>();
        da.forEach((host, d) -> {
            Destination old = db.get(host);
            if (old != null) {
                DestinationChange c = new DestinationChange(host, old.contactAfterOptOut(), d.contactAfterOptOut(),
                        old.flows(), d.flows());
                if (c.optOutChanged() || c.flowsBefore() != c.flowsAfter()) {
                    dChanged.add(c);
                }
            }
        });
        return new AuditDiff(appeared, disappeared, changed, dAppeared, dGone, dChanged,
                worseReasons(appeared, changed, dAppeared, dChanged, personalDataHosts(before.findings())));
    }

    /** True when something got worse (see {@link #worseReasons()}); the CLI exits non-zero then. */
    @JsonProperty("worse")
    public boolean worse() {
        return !worseReasons.isEmpty();
    }

    private static List<String> worseReasons(List<FindingGroup> appeared, List<VerdictChange> changed,
                                             List<Destination> destinationsAppeared,
                                             List<DestinationChange> destinationsChanged,
                                             Set<String> personalDataHostsBefore) {
        List<String> reasons = new ArrayList<>();
        for (FindingGroup g : appeared) {
            if (g.violation() && g.key().outbound()) {
                reasons.add("new violation: " + g.key().describe());
            }
        }
        for (VerdictChange c : changed) {
            if (c.becameViolation() && c.key().outbound()) {
                reasons.add("now a violation: " + c.key().describe() + " (was " + c.before() + ")");
            }
        }
        for (Destination d : destinationsAppeared) {
            if (Boolean.TRUE.equals(d.contactAfterOptOut())) {
                reasons.add("new contact after opt-out: " + d.host());
            }
        }
        for (DestinationChange c : destinationsChanged) {
            if (c.newContactAfterOptOut()) {
                reasons.add("new contact after opt-out: " + c.host());
            }
        }
        Set<String> newHosts = new TreeSet<>();
        for (FindingGroup g : appeared) {
            if (g.key().outbound() && !personalDataHostsBefore.contains(g.key().host())) {
                newHosts.add(g.key().host());
            }
        }
        newHosts.forEach(h -> reasons.add("new destination of personal data: " + h));
        return reasons;
    }

    /** True when nothing differs. */
    @JsonIgnore
    public boolean isEmpty() {
        return findingsAppeared.isEmpty() && findingsDisappeared.isEmpty() && verdictChanged.isEmpty()
                && destinationsAppeared.isEmpty() && destinationsDisappeared.isEmpty() && destinationsChanged.isEmpty();
    }

    private static Map<FindingKey, FindingGroup> groups(List<Finding> findings) {
        Map<FindingKey, List<Finding>> byKey = new TreeMap<>();
        for (Finding f : findings) {
            byKey.computeIfAbsent(FindingKey.of(f), k -> new ArrayList<>()).add(f);
        }
        Map<FindingKey, FindingGroup> out = new LinkedHashMap<>();
        byKey.forEach((k, list) -> out.put(k, FindingGroup.of(k, list)));
        return out;
    }

    private static Map<String, Destination> byHost(List<Destination> destinations) {
        Map<String, Destination> out = new TreeMap<>();
        for (Destination d : destinations) {
            out.putIfAbsent(d.host(), d);
        }
        return out;
    }

    private static Set<String> personalDataHosts(List<Finding> findings) {
        Set<String> hosts = new HashSet<>();
        for (Finding f : findings) {
            if (!"inbound".equals(f.direction())) {
                hosts.add(f.host());
            }
        }
        return hosts;
    }
}
