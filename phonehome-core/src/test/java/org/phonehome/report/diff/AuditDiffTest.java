package org.phonehome.report.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.report.diff.Audits.audit;
import static org.phonehome.report.diff.Audits.dest;
import static org.phonehome.report.diff.Audits.inbound;
import static org.phonehome.report.diff.Audits.leak;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonehome.report.Audit;
import org.phonehome.report.JsonReport;

class AuditDiffTest {
    private static final String ACCOUNT = "api.account.xiaomi.com";
    private static final String SDK = "sdkconfig.ad.xiaomi.com";
    private static final String TRACKING = "tracking.intl.miui.com";

    /** Cloud on: the register POST, the SDK config GET and the tracking POST all carry data. */
    private static Audit cloudOn() {
        return audit(List.of(dest(ACCOUNT, 6, false), dest(SDK, 1, false), dest(TRACKING, 1, false),
                        dest("app.chat.xiaomi.net", 1, false)),
                List.of(leak("imei", "plain", "form", "imei", ACCOUNT, "violation", 22),
                        leak("imsi", "plain", "form", "imsi", ACCOUNT, "violation", 22),
                        leak("phone", "urlencoded", "form", "phone", ACCOUNT, "violation", 22),
                        leak("imei", "md5-hex", "query", "imei_md5", SDK, "violation", 34),
                        leak("android_id", "plain", "query", "android_id", SDK, "violation", 34),
                        leak("sms", "plain", "json", "events[0].body", TRACKING, "violation", 46),
                        leak("canary", "plain", "stream", null, "app.chat.xiaomi.net", "violation", 93),
                        leak("canary", "plain", "stream", null, "app.chat.xiaomi.net", "violation", 95)));
    }

    /** Cloud off after the update: only the SDK config still leaks; the push channel is gone. */
    private static Audit cloudOff() {
        return audit(List.of(dest(ACCOUNT, 6, false), dest(SDK, 1, false), dest(TRACKING, 1, false)),
                List.of(leak("imei", "md5-hex", "query", "imei_md5", SDK, "violation", 40),
                        leak("android_id", "plain", "query", "android_id", SDK, "violation", 40)));
    }

    @Test
    void exactlyTheLeaksThatWentAway() {
        AuditDiff d = AuditDiff.compare(cloudOn(), cloudOff());

        assertThat(d.findingsDisappeared()).extracting(g -> g.key().describe()).containsExactly(
                "imei (plain) in form imei to api.account.xiaomi.com",
                "imsi (plain) in form imsi to api.account.xiaomi.com",
                "phone (urlencoded) in form phone to api.account.xiaomi.com",
                "canary (plain) in stream to app.chat.xiaomi.net",
                "sms (plain) in json events[0].body to tracking.intl.miui.com");
        assertThat(d.findingsDisappeared().get(3).count()).isEqualTo(2);
        assertThat(d.findingsAppeared()).isEmpty();
        assertThat(d.verdictChanged()).isEmpty();
        assertThat(d.destinationsDisappeared()).extracting(o -> o.host()).containsExactly("app.chat.xiaomi.net");
        assertThat(d.destinationsAppeared()).isEmpty();
        assertThat(d.destinationsChanged()).isEmpty();
        assertThat(d.worse()).isFalse();
    }

    @Test
    void framesAndTimesDoNotMakeALeakNew() {
        AuditDiff d = AuditDiff.compare(cloudOff(), cloudOff());
        assertThat(d.isEmpty()).isTrue();
        assertThat(DiffText.render(d)).isEqualTo("no change\n");
    }

    @Test
    void theReverseIsWorse() {
        AuditDiff d = AuditDiff.compare(cloudOff(), cloudOn());
        assertThat(d.worse()).isTrue();
        assertThat(d.worseReasons()).contains(
                "new violation: imei (plain) in form imei to api.account.xiaomi.com",
                "new destination of personal data: api.account.xiaomi.com",
                "new destination of personal data: app.chat.xiaomi.net",
                "new destination of personal data: tracking.intl.miui.com");
    }

    @Test
    void aVerdictThatBecomesAViolationIsWorse() {
        Audit before = audit(List.of(), List.of(leak("imei", "plain", "form", "imei", ACCOUNT, "allowed", 1)));
        Audit after = audit(List.of(), List.of(leak("imei", "plain", "form", "imei", ACCOUNT, "violation", 2)));

        AuditDiff d = AuditDiff.compare(before, after);
        assertThat(d.verdictChanged()).singleElement().satisfies(c -> {
            assertThat(c.before()).isEqualTo("allowed");
            assertThat(c.after()).isEqualTo("violation");
        });
        assertThat(d.worseReasons()).containsExactly("now a violation: imei (plain) in form imei to "
                + "api.account.xiaomi.com (was allowed)");

        AuditDiff back = AuditDiff.compare(after, before);
        assertThat(back.verdictChanged()).hasSize(1);
        assertThat(back.worse()).isFalse();
    }

    @Test
    void aNewAllowedLeakToAKnownHostIsNotWorse() {
        Audit before = audit(List.of(), List.of(leak("imei", "plain", "form", "imei", ACCOUNT, "allowed", 1)));
        Audit after = audit(List.of(), List.of(leak("imei", "plain", "form", "imei", ACCOUNT, "allowed", 1),
                leak("imsi", "plain", "form", "imsi", ACCOUNT, "allowed", 1)));
        AuditDiff d = AuditDiff.compare(before, after);
        assertThat(d.findingsAppeared()).hasSize(1);
        assertThat(d.worse()).isFalse();
    }

    @Test
    void aNewAllowedLeakToANewHostIsWorse() {
        Audit before = audit(List.of(), List.of());
        Audit after = audit(List.of(), List.of(leak("imei", "plain", "form", "imei", ACCOUNT, "allowed", 1)));
        assertThat(AuditDiff.compare(before, after).worseReasons())
                .containsExactly("new destination of personal data: api.account.xiaomi.com");
    }

    @Test
    void inboundFindingsAloneAreNeverWorse() {
        Audit after = audit(List.of(), List.of(inbound("imei", ACCOUNT, 3)));
        AuditDiff d = AuditDiff.compare(audit(List.of(), List.of()), after);
        assertThat(d.findingsAppeared()).hasSize(1);
        assertThat(d.worse()).isFalse();
    }

    @Test
    void contactAfterOptOutThatAppearsIsWorse() {
        Audit before = audit(List.of(dest(ACCOUNT, 6, false)), List.of());
        Audit after = audit(List.of(dest(ACCOUNT, 4, true), dest("push.xiaomi.net", 2, true)), List.of());

        AuditDiff d = AuditDiff.compare(before, after);
        assertThat(d.destinationsChanged()).containsExactly(new DestinationChange(ACCOUNT, false, true, 6, 4));
        assertThat(d.worseReasons()).containsExactly("new contact after opt-out: push.xiaomi.net",
                "new contact after opt-out: api.account.xiaomi.com");
        assertThat(DiffText.render(d)).contains("~ api.account.xiaomi.com: contact after opt-out no -> yes, "
                + "flows 6 -> 4\n");
    }

    @Test
    void fewerFlowsIsAChangeButNotWorse() {
        AuditDiff d = AuditDiff.compare(audit(List.of(dest(ACCOUNT, 6, true)), List.of()),
                audit(List.of(dest(ACCOUNT, 2, true)), List.of()));
        assertThat(d.destinationsChanged()).singleElement().extracting(DestinationChange::flowsAfter).isEqualTo(2L);
        assertThat(d.worse()).isFalse();
    }

    @Test
    void textShowsSectionsWithPlusAndMinusLines() {
        String text = DiffText.render(AuditDiff.compare(cloudOn(), cloudOff()));
        assertThat(text).startsWith("not worse: 5 leaks gone, 0 new, 0 changed verdict\nfindings gone (5):\n"
                + "- imei (plain) in form imei to api.account.xiaomi.com (CN)  [violation, 1x]  "
                + "countries.personal_data_deny: CN\n");
        assertThat(text).contains("\n- canary (plain) in stream to app.chat.xiaomi.net (CN)  [violation, 2x]  "
                + "countries.personal_data_deny: CN\n");
        assertThat(text).contains("destinations gone (1):\n- app.chat.xiaomi.net (CN), 1 flow, service mi_cloud\n");
        assertThat(text).doesNotContain("+ ");
    }

    @Test
    void jsonHasStableNamesAndOrder() {
        String json = new DiffJson().render(AuditDiff.compare(cloudOff(), cloudOn()));
        assertThat(json).startsWith("{\n  \"worse\" : true,\n  \"worse_reasons\" : [");
        assertThat(json).contains("\"findings_appeared\"", "\"findings_disappeared\"", "\"verdict_changed\"",
                "\"destinations_appeared\"", "\"destinations_disappeared\"", "\"destinations_changed\"",
                "\"contact_after_opt_out\"");
        assertThat(json).contains("\"identifier\" : \"canary\",\n      \"encoding\" : \"plain\"");
        assertThat(json.indexOf("\"findings_appeared\"")).isLessThan(json.indexOf("\"destinations_appeared\""));
        assertThat(new DiffJson().render(AuditDiff.compare(cloudOff(), cloudOn()))).isEqualTo(json);
    }

    @Test
    void comparesReportsReadBackFromJson(@TempDir Path dir) throws Exception {
        JsonReport report = new JsonReport();
        Path before = dir.resolve("before.json");
        Path after = dir.resolve("after.json");
        report.write(cloudOn(), before);
        report.write(cloudOff(), after);

        AuditDiff d = AuditDiff.compare(report.read(before), report.read(after));
        assertThat(d).isEqualTo(AuditDiff.compare(cloudOn(), cloudOff()));
    }
}
