package org.phonehome.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.phonehome.report.Finding;
import org.phonehome.report.Times;

class PolicyEngineTest {
    private static final String BEFORE_FLIP = "2014-08-10T09:00:00Z";
    private static final String AFTER_FLIP = "2014-08-10T09:31:00Z";
    private static PolicyEngine engine;

    @BeforeAll
    static void load() throws PolicyException {
        engine = PolicyEngine.of(PolicyFixtures.load(PolicyFixtures.DESIGN));
    }

    static Stream<Arguments> verdicts() {
        return Stream.of(
            // allowed: mi_cloud is on after the flip, lists imei, matches the host; country not denied
            Arguments.of("allowed", "imei", "api.account.xiaomi.com", "US", "outbound", AFTER_FLIP,
                    "allowed", "services.mi_cloud (mi_cloud on at 2014-08-10T09:31:00Z)"),
            // violation by switch: before the flip every service that could allow it is off
            Arguments.of("switch off", "imei", "api.account.xiaomi.com", "US", "outbound", BEFORE_FLIP,
                    "violation", "services.mi_cloud (mi_cloud off at 2014-08-10T09:00:00Z)"),
            Arguments.of("two services off", "phone", "api.account.xiaomi.com", "US", "outbound", BEFORE_FLIP,
                    "violation", "services.cloud_messaging (cloud_messaging off at 2014-08-10T09:00:00Z); "
                            + "services.mi_cloud (mi_cloud off at 2014-08-10T09:00:00Z)"),
            Arguments.of("telemetry off", "android_id", "tracking.intl.miui.com", "US", "outbound", AFTER_FLIP,
                    "violation", "services.telemetry (telemetry off at 2014-08-10T09:31:00Z)"),
            // violation by country: allowed by mi_cloud, but the server is in CN
            Arguments.of("country", "imei", "api.account.xiaomi.com", "CN", "outbound", AFTER_FLIP,
                    "violation", "countries.personal_data_deny: CN"),
            Arguments.of("country lower case", "imei", "api.account.xiaomi.com", "cn", "outbound", AFTER_FLIP,
                    "violation", "countries.personal_data_deny: CN"),
            Arguments.of("country unknown", "imei", "api.account.xiaomi.com", null, "outbound", AFTER_FLIP,
                    "unknown", "countries.personal_data_deny: country of api.account.xiaomi.com unknown"),
            // no service lists it for that host
            Arguments.of("no service", "imei", "tracking.example.cn", "US", "outbound", AFTER_FLIP,
                    "violation", "no service may send imei to tracking.example.cn"),
            Arguments.of("no service and country", "canary", "app.chat.xiaomi.net", "CN", "outbound", AFTER_FLIP,
                    "violation", "no service may send canary to app.chat.xiaomi.net; countries.personal_data_deny: CN"),
            // public endpoint: contact allowed, personal data not
            Arguments.of("public", "imei", "update.miui.com", "US", "outbound", AFTER_FLIP,
                    "violation", "public: update.miui.com carries no personal data"),
            Arguments.of("public wildcard", "phone", "hi.greetings.miui.com", "US", "outbound", AFTER_FLIP,
                    "violation", "public: *.greetings.miui.com carries no personal data"),
            // inbound: never a violation by itself
            Arguments.of("inbound", "imei", "tracking.example.cn", "CN", "inbound", AFTER_FLIP,
                    "unknown", "inbound: received from tracking.example.cn, not sent by the device"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void verdict(String label, String identifier, String host, String country, String direction, String time,
                 String verdict, String rule) {
        Verdict v = engine.verdict(identifier, host, country, direction, Times.parseIso(time));
        assertThat(v).isEqualTo(new Verdict(verdict, rule));
    }

    @Test
    void noPolicyGivesUnknownWithoutRule() {
        Verdict v = PolicyEngine.none().verdict("imei", "tracking.example.cn", "CN", "outbound", 0);
        assertThat(v).isEqualTo(new Verdict("unknown", null));
        assertThat(PolicyEngine.none().destinationAtStarts("x.xiaomi.com", 0).contactAfterOptOut()).isNull();
    }

    @Test
    void findingsBeforeAndAfterTheFlipGetDifferentVerdicts() {
        Finding before = finding("imei", "api.account.xiaomi.com", "US", BEFORE_FLIP);
        Finding after = finding("imei", "api.account.xiaomi.com", "US", AFTER_FLIP);

        assertThat(engine.judge(before).verdict()).isEqualTo("violation");
        assertThat(engine.judge(after).verdict()).isEqualTo("allowed");
        assertThat(engine.judge(after).rule()).isEqualTo("services.mi_cloud (mi_cloud on at 2014-08-10T09:31:00Z)");
    }

    @Test
    void theFlipInstantItselfAlreadyHasTheNewValue() {
        Verdict v = engine.verdict("imei", "api.account.xiaomi.com", "US", "outbound",
                Times.parseIso("2014-08-10T09:30:00Z"));
        assertThat(v.verdict()).isEqualTo("allowed");
    }

    @Test
    void findingWithoutTimeUsesTheInitialSwitches() {
        Finding f = finding("imei", "api.account.xiaomi.com", "US", null);
        assertThat(engine.judge(f).rule()).isEqualTo("services.mi_cloud (mi_cloud off)");
    }

    @Test
    void destinationContactedWhileItsServicesWereOffIsContactAfterOptOut() {
        // tracking.intl.miui.com belongs to telemetry, off for the whole capture
        DestinationPolicy d = engine.destinationAtStarts("tracking.intl.miui.com", Times.parseIso(AFTER_FLIP));
        assertThat(d.service()).isEqualTo("telemetry");
        assertThat(d.contactAfterOptOut()).isTrue();
        assertThat(d.rule()).isEqualTo("services.telemetry (telemetry off at 2014-08-10T09:31:00Z)");
    }

    @Test
    void tiedServicesCountAsOptedOutOnlyWhenAllAreOff() {
        // *.xiaomi.com is cloud_messaging's and mi_cloud's; mi_cloud goes on at 09:30
        DestinationPolicy after = engine.destinationAtStarts("api.account.xiaomi.com", Times.parseIso(AFTER_FLIP));
        assertThat(after.service()).isEqualTo("cloud_messaging");
        assertThat(after.services()).containsExactly("cloud_messaging", "mi_cloud");
        assertThat(after.contactAfterOptOut()).isFalse();

        DestinationPolicy before = engine.destinationAtStarts("api.account.xiaomi.com", Times.parseIso(BEFORE_FLIP),
                Times.parseIso(AFTER_FLIP));
        assertThat(before.contactAfterOptOut()).isTrue();
        assertThat(before.firstOptOutNanos()).isEqualTo(Times.parseIso(BEFORE_FLIP));
        assertThat(before.rule()).isEqualTo("services.cloud_messaging, services.mi_cloud "
                + "(cloud_messaging, mi_cloud off at 2014-08-10T09:00:00Z)");
    }

    @Test
    void aContactSpanningTheSwitchOffIsAfterOptOut() throws PolicyException {
        Policy p = PolicyFixtures.load("""
                consent: {mi_cloud: on}
                services:
                  mi_cloud: {data: [imei], to: ["*.xiaomi.com"]}
                changes: [{at: "2014-08-10T09:30:00Z", set: {mi_cloud: off}}]
                """);
        PolicyEngine e = PolicyEngine.of(p);
        long flip = Times.parseIso("2014-08-10T09:30:00Z");
        DestinationPolicy spanning = e.destination("api.xiaomi.com",
                List.of(new Contact(flip - 5_000_000_000L, flip + 5_000_000_000L)));
        assertThat(spanning.contactAfterOptOut()).isTrue();
        assertThat(spanning.firstOptOutNanos()).isEqualTo(flip);

        DestinationPolicy before = e.destination("api.xiaomi.com",
                List.of(new Contact(flip - 5_000_000_000L, flip - 1)));
        assertThat(before.contactAfterOptOut()).isFalse();
    }

    @Test
    void publicEndpointsAndUnownedHostsAreNeverContactAfterOptOut() {
        DestinationPolicy update = engine.destinationAtStarts("update.miui.com", Times.parseIso(BEFORE_FLIP));
        assertThat(update.publicEndpoint()).isTrue();
        assertThat(update.contactAfterOptOut()).isFalse();
        assertThat(update.service()).isNull();
        assertThat(update.rule()).isEqualTo("public: update.miui.com");

        DestinationPolicy google = engine.destinationAtStarts("www.google.com", Times.parseIso(BEFORE_FLIP));
        assertThat(google.service()).isNull();
        assertThat(google.contactAfterOptOut()).isFalse();
    }

    @Test
    void mostSpecificPatternOwnsTheDestination() throws PolicyException {
        Policy p = PolicyFixtures.load("""
                consent: {mi_cloud: on, ads: off}
                services:
                  mi_cloud: {data: [imei], to: ["*.xiaomi.com"]}
                  ads: {data: [android_id], to: ["*.ad.xiaomi.com"]}
                """);
        DestinationPolicy d = PolicyEngine.of(p).destinationAtStarts("sdkconfig.ad.xiaomi.com", 0);
        assertThat(d.service()).isEqualTo("ads");
        assertThat(d.contactAfterOptOut()).isTrue();
    }

    @Test
    void commandLineOverridesReplaceTheFileOrAddChanges() throws PolicyException {
        Policy p = PolicyFixtures.load(PolicyFixtures.DESIGN);
        long after = Times.parseIso(AFTER_FLIP);

        PolicyEngine allOff = PolicyEngine.of(p.withOverrides(List.of(Consent.parse("mi_cloud=off"))));
        assertThat(allOff.verdict("imei", "api.account.xiaomi.com", "US", "outbound", after).verdict())
                .isEqualTo("violation");

        PolicyEngine telemetryLater = PolicyEngine.of(p.withOverrides(
                List.of(Consent.parse("telemetry=on@2014-08-10T09:31:00Z"))));
        assertThat(telemetryLater.verdict("android_id", "tracking.intl.miui.com", "US", "outbound", after))
                .isEqualTo(new Verdict("allowed", "services.telemetry (telemetry on at 2014-08-10T09:31:00Z)"));
    }

    private static Finding finding(String identifier, String host, String country, String time) {
        return new Finding(identifier, "device_id", "plain", List.of(), "query", "imei", host, "111.13.141.211", 80,
                country, "http", "outbound", List.of(22L), time, null, "profile", "unknown", null, "imei=8640****4566");
    }
}
