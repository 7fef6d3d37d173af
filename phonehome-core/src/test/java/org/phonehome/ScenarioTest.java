package org.phonehome;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phonehome.behaviour.BeaconDetector;
import org.phonehome.behaviour.BeaconScore;
import org.phonehome.detect.DetectionOptions;
import org.phonehome.detect.profile.DeviceProfile;
import org.phonehome.detect.profile.DeviceProfileLoader;
import org.phonehome.policy.Consent;
import org.phonehome.policy.Policy;
import org.phonehome.policy.PolicyEngine;
import org.phonehome.policy.PolicyLoader;
import org.phonehome.report.Audit;
import org.phonehome.report.Destination;
import org.phonehome.report.Finding;
import org.phonehome.report.FlowEntry;
import org.phonehome.report.Times;
import org.phonehome.report.diff.AuditDiff;
import org.phonehome.report.diff.FindingGroup;
import org.phonehome.report.diff.FindingKey;

/**
 * The "Must show" scenarios of issue 5, on real traffic: the captures in {@code scenarios/} were recorded on loopback
 * by {@code scripts/record-scenarios} (real curl, dig and Python servers; addresses rewritten to public ones), see the
 * README there.
 *
 * <ul>
 *   <li>{@code beacon.pcap}: a heartbeat every 2.0 s with ±10% jitter to push.xiaomi.net is a beacon with its period
 *       within ±10%; ordinary browsing to www.google.com (exponential gaps, mean 2 s) in the same capture is not.</li>
 *   <li>{@code cloud-off.pcap} with {@code scenario-policy.yaml} (Mi Cloud off): the account host is still contacted
 *       (contact after opt-out, no personal data to it), and the IMEI sent to China is a violation.</li>
 *   <li>{@code cloud-on.pcap} (Mi Cloud on) against {@code cloud-off.pcap}: the diff shows exactly the contact and
 *       SMS leaks gone and the IMEI leak unchanged.</li>
 * </ul>
 */
class ScenarioTest {
    private static final String DIR = "scenarios/";
    private static final String PUSH = "push.xiaomi.net";
    private static final String GOOGLE = "www.google.com";
    private static final String ACCOUNT = "api.account.xiaomi.com";
    private static final String TRACKING = "tracking.intl.miui.com";
    private static final double PLANNED_PERIOD_S = 2.0;

    private static DeviceProfile profile;
    private static Policy policy;

    @BeforeAll
    static void load() throws Exception {
        profile = DeviceProfileLoader.load(resource("device.yaml"));
        policy = PolicyLoader.load(resource("scenario-policy.yaml"));
    }

    // ------------------------------------------------------------------ beacon

    @Test
    void heartbeatIsABeaconWithItsPeriodAndBrowsingIsNot() throws Exception {
        Audit audit = audit("beacon.pcap", PolicyEngine.none(), true);
        Map<String, Destination> dest = byHost(audit);
        printBeaconDiagnostics(audit);

        Destination push = dest.get(PUSH);
        assertThat(push).as("destination %s", PUSH).isNotNull();
        assertThat(push.flows()).isEqualTo(12);
        assertThat(push.country()).isEqualTo("CN");
        assertThat(push.beacon()).as("beacon of %s", PUSH).isNotNull();
        assertThat(push.beacon().periodS()).isBetween(PLANNED_PERIOD_S * 0.9, PLANNED_PERIOD_S * 1.1);
        assertThat(push.beacon().score()).isGreaterThanOrEqualTo(BeaconDetector.BEACON_THRESHOLD);

        Destination google = dest.get(GOOGLE);
        assertThat(google).as("destination %s", GOOGLE).isNotNull();
        assertThat(google.flows()).isEqualTo(12);
        assertThat(google.beacon()).as("ordinary browsing to %s is no beacon", GOOGLE).isNull();
        // the same detector on the same flows: under the threshold (0.51 on the committed capture: timing 0.286,
        // but sizes 0.958, since what a browser SENDS, a ClientHello and a GET, is nearly the same size each time)
        BeaconScore browsing = recomputedScore(audit, GOOGLE);
        assertThat(browsing.score()).isLessThan(BeaconDetector.BEACON_THRESHOLD);
        assertThat(browsing.timingScore()).as("timing of browsing").isLessThan(0.5);
        assertThat(recomputedScore(audit, PUSH).score()).as("recomputed from the flow list")
                .isEqualTo(push.beacon().score());

        assertThat(audit.findings()).as("nothing personal in the beacon capture").isEmpty();
    }

    // ------------------------------------------------------------------ opt-out and residency

    @Test
    void cloudOffStillContactsTheAccountHostAndSendsTheImeiToChina() throws Exception {
        Audit off = audit("cloud-off.pcap", PolicyEngine.of(policy), false);
        Map<String, Destination> dest = byHost(off);

        Destination account = dest.get(ACCOUNT);
        assertThat(account).as("destination %s", ACCOUNT).isNotNull();
        assertThat(account.service()).isEqualTo("mi_cloud");
        assertThat(account.contactAfterOptOut()).as("contact after opt-out of %s", ACCOUNT).isTrue();
        assertThat(off.findings()).as("no personal data to %s", ACCOUNT)
                .noneMatch(f -> ACCOUNT.equals(f.host()));

        List<Finding> imei = off.findings().stream().filter(f -> "imei".equals(f.identifier())).toList();
        assertThat(imei).hasSize(1);
        Finding f = imei.get(0);
        assertThat(f.host()).isEqualTo(TRACKING);
        assertThat(f.country()).isEqualTo("CN");
        assertThat(f.direction()).isEqualTo("outbound");
        assertThat(f.verdict()).isEqualTo("violation");
        assertThat(f.rule()).contains("countries.personal_data_deny: CN").contains("services.telemetry");
        // and nothing else was found
        assertThat(off.findings()).hasSize(1);
    }

    // ------------------------------------------------------------------ diff

    @Test
    void diffOfCloudOnAgainstCloudOffShowsExactlyTheLeaksThatWentAway() throws Exception {
        Policy on = policy.withOverrides(List.of(Consent.parse("mi_cloud=on")));
        Audit auditOn = audit("cloud-on.pcap", PolicyEngine.of(on), false);
        Audit auditOff = audit("cloud-off.pcap", PolicyEngine.of(policy), false);

        AuditDiff diff = AuditDiff.compare(auditOn, auditOff);

        assertThat(diff.findingsAppeared()).isEmpty();
        assertThat(diff.verdictChanged()).isEmpty();
        assertThat(diff.findingsDisappeared()).extracting(g -> g.key().identifier())
                .containsExactlyInAnyOrder("contact", "contact", "sms");   // the contact's name and its number
        assertThat(diff.findingsDisappeared()).extracting(g -> g.key().host()).containsOnly(ACCOUNT);
        assertThat(diff.findingsDisappeared()).allMatch(FindingGroup::violation);   // CN: residency, even with consent

        // the IMEI leak is in both, the same key and verdict
        FindingKey imeiKey = FindingKey.of(auditOff.findings().stream()
                .filter(f -> "imei".equals(f.identifier())).findFirst().orElseThrow());
        assertThat(auditOn.findings()).extracting(FindingKey::of).contains(imeiKey);
        assertThat(diff.verdictChanged()).noneMatch(c -> c.key().equals(imeiKey));

        // the account host is still contacted, now after opt-out
        assertThat(diff.destinationsDisappeared()).isEmpty();
        assertThat(diff.destinationsAppeared()).isEmpty();
        assertThat(diff.destinationsChanged()).singleElement().satisfies(c -> {
            assertThat(c.host()).isEqualTo(ACCOUNT);
            assertThat(c.newContactAfterOptOut()).isTrue();
        });
        assertThat(diff.worseReasons()).containsExactly("new contact after opt-out: " + ACCOUNT);
    }

    @Test
    void sameConsentForBothCapturesStillShowsOnlyTheContactAndSmsLeaksGone() throws Exception {
        // judged with one policy (Mi Cloud off) both times: the same leaks go away, nothing gets worse
        Audit auditOn = audit("cloud-on.pcap", PolicyEngine.of(policy), false);
        Audit auditOff = audit("cloud-off.pcap", PolicyEngine.of(policy), false);
        AuditDiff diff = AuditDiff.compare(auditOn, auditOff);
        assertThat(diff.findingsAppeared()).isEmpty();
        assertThat(diff.verdictChanged()).isEmpty();
        assertThat(diff.findingsDisappeared()).extracting(g -> g.key().identifier())
                .containsExactlyInAnyOrder("contact", "contact", "sms");
        assertThat(diff.worse()).isFalse();
    }

    // ------------------------------------------------------------------ helpers

    private static Audit audit(String capture, PolicyEngine engine, boolean flows) throws Exception {
        try (InputStream in = ScenarioTest.class.getResourceAsStream(DIR + capture)) {
            assertThat(in).as("resource %s", capture).isNotNull();
            return new Auditor().audit(new AuditRequest(List.of(CaptureInput.stream(capture, in)), null, flows,
                    AuditRequest.Progress.NONE, null, profile, DetectionOptions.defaults(), null, engine, null));
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ScenarioTest.class.getResource(DIR + name).toURI());
    }

    private static Map<String, Destination> byHost(Audit audit) {
        return audit.destinations().stream().collect(Collectors.toMap(Destination::host, d -> d, (a, b) -> a,
                TreeMap::new));
    }

    /** The detector's score of a host's TCP flows, from the report's flow list (for the diagnostics). */
    private static BeaconScore recomputedScore(Audit audit, String host) {
        List<FlowEntry> flows = audit.flows().stream()
                .filter(f -> host.equals(f.host()) && "tcp".equals(f.transport())).toList();
        long[] starts = flows.stream().mapToLong(f -> Times.parseIso(f.start())).toArray();
        long[] sizes = flows.stream().mapToLong(FlowEntry::bytesOut).toArray();
        return BeaconDetector.score(starts, sizes).orElseThrow();
    }

    private static void printBeaconDiagnostics(Audit audit) {
        for (String host : List.of(PUSH, GOOGLE)) {
            List<FlowEntry> flows = audit.flows().stream()
                    .filter(f -> host.equals(f.host()) && "tcp".equals(f.transport()))
                    .sorted(java.util.Comparator.comparing(FlowEntry::start)).toList();
            StringBuilder intervals = new StringBuilder();
            for (int i = 1; i < flows.size(); i++) {
                long d = Times.parseIso(flows.get(i).start()) - Times.parseIso(flows.get(i - 1).start());
                intervals.append(String.format(java.util.Locale.ROOT, "%.3f ", d / 1e9));
            }
            System.out.printf(java.util.Locale.ROOT, "%s: %s; intervals s: %s; bytes out: %s%n", host,
                    recomputedScore(audit, host), intervals.toString().trim(),
                    flows.stream().map(f -> Long.toString(f.bytesOut())).collect(Collectors.joining(" ")));
        }
    }
}
