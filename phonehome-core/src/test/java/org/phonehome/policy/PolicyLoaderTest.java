package org.phonehome.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.phonehome.policy.PolicyFixtures.error;
import static org.phonehome.policy.PolicyFixtures.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonehome.detect.profile.ProfileIdentifier;
import org.phonehome.report.Times;

class PolicyLoaderTest {

    @Test
    void designExampleLoads() throws PolicyException {
        Policy p = load(PolicyFixtures.DESIGN);

        assertThat(p.services().keySet()).containsExactly("cloud_messaging", "mi_cloud", "telemetry");
        assertThat(p.services().get("telemetry").data()).containsExactlyInAnyOrder("android_id", "advertising_id",
                "imei");
        assertThat(p.services().get("cloud_messaging").to()).extracting(HostPattern::text)
                .containsExactly("*.xiaomi.com", "*.xiaomi.net");
        assertThat(p.consent()).containsEntry("mi_cloud", false).containsEntry("telemetry", false);
        assertThat(p.changes()).containsExactly(
                new ConsentChange(Times.parseIso("2014-08-10T09:30:00Z"), "mi_cloud", true, 1));
        assertThat(p.publicHosts()).extracting(HostPattern::text)
                .containsExactly("update.miui.com", "*.greetings.miui.com");
        assertThat(p.personalDataDeny()).containsExactly("CN");
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void exampleFileLoadsWithoutWarnings() throws PolicyException {
        Policy p = PolicyLoader.load(Path.of("..", "examples", "policy.yaml"));
        assertThat(p.warnings()).isEmpty();
        assertThat(p.services().keySet()).containsExactly("mi_cloud", "cloud_messaging", "telemetry");
    }

    @Test
    void aYamlProblemWhoseTextSpansLinesIsOneLine() {
        // found by PolicyFuzzTest: SnakeYAML's "unexpected character found\n(10)" for an alias cut by a newline
        PolicyException e = error("consent: {mi_clog: oaomo.\"mci,[andrg.*.miui.co[CN]}*\n");
        assertThat(e.getMessage()).contains("invalid YAML: unexpected character found (10)").doesNotContain("\n");
    }

    @Test
    void lineBreaksInAQuotedValueAreEscapedInTheMessage() {
        // found by PolicyFuzzTest: an unknown identifier with carriage returns in it made a multi-line error
        PolicyException e = error("services:\n  s: {data: [\"im\\r\\nei\"], to: [\"*.x.com\"]}\n");
        assertThat(e.getMessage()).contains("unknown identifier 'im\\r\\nei'").doesNotContain("\n")
                .doesNotContain("\r");
    }

    @Test
    void unknownIdentifierIsAnErrorNamingItsLine() {
        PolicyException e = error("""
                consent: {telemetry: off}
                services:
                  telemetry:
                    data: [android_id,
                           imie]
                    to: ["tracking.*.miui.com"]
                """);
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.getMessage()).startsWith("policy.yaml line 5: unknown identifier 'imie' in service 'telemetry'");
    }

    @Test
    void badYamlIsAnErrorNamingItsLine() {
        PolicyException e = error("""
                consent: {mi_cloud: off}
                services:
                  mi_cloud: {data: [imei], to: ["*.xiaomi.com"]
                public: [update.miui.com]
                """);
        assertThat(e.getMessage()).startsWith("policy.yaml line 4: invalid YAML");
    }

    @Test
    void unknownSwitchInConsentIsAnError() {
        PolicyException e = error("""
                consent:
                  mi_cloud: off
                  mi_clod: on
                services:
                  mi_cloud: {data: [imei], to: ["*.xiaomi.com"]}
                """);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).isEqualTo("policy.yaml line 3: unknown switch 'mi_clod' in consent: "
                + "no service of that name (services: mi_cloud)");
    }

    @Test
    void unknownSwitchInChangesIsAnError() {
        PolicyException e = error("""
                consent: {mi_cloud: off}
                services:
                  mi_cloud: {data: [imei], to: ["*.xiaomi.com"]}
                changes:
                  - at: "2014-08-10T09:30:00Z"
                    set: {telemetry: on}
                """);
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.getMessage()).contains("unknown switch 'telemetry' in changes");
    }

    @Test
    void badSwitchValueAndBadTimeAreErrors() {
        assertThat(error("""
                consent: {mi_cloud: maybe}
                services: {mi_cloud: {data: [imei], to: ["*.xiaomi.com"]}}
                """).getMessage()).isEqualTo("policy.yaml line 1: switch 'mi_cloud' must be on, off, true or false, "
                + "found 'maybe'");
        assertThat(error("""
                consent: {mi_cloud: on}
                services: {mi_cloud: {data: [imei], to: ["*.xiaomi.com"]}}
                changes: [{at: "yesterday", set: {mi_cloud: off}}]
                """).getMessage()).startsWith("policy.yaml line 3: 'at' must be an ISO-8601 instant");
    }

    @Test
    void patternsThatMatchNothingAreWarnedWithTheirLineAndDropped() throws PolicyException {
        Policy p = load("""
                consent: {mi_cloud: on}
                services:
                  mi_cloud:
                    data: [imei]
                    to:
                      - "*.xiaomi.com"
                      - "**"
                      - "a..b"
                      - ""
                public: ["update.miui.com", "http://x"]
                """);
        assertThat(p.services().get("mi_cloud").to()).extracting(HostPattern::text).containsExactly("*.xiaomi.com");
        assertThat(p.warnings()).hasSize(4);
        assertThat(p.warnings().get(0)).startsWith("policy.yaml line 7: host pattern in services.mi_cloud.to ignored: "
                + "'**' matches nothing");
        assertThat(p.warnings().get(1)).startsWith("policy.yaml line 8: ");
        assertThat(p.warnings().get(2)).startsWith("policy.yaml line 9: ");
        assertThat(p.warnings().get(3)).startsWith("policy.yaml line 10: host pattern in public ignored");
    }

    @Test
    void serviceWithoutConsentIsOffWithAWarning() throws PolicyException {
        Policy p = load("""
                services:
                  mi_cloud: {data: [imei], to: ["*.xiaomi.com"]}
                """);
        assertThat(p.warnings()).containsExactly("policy.yaml line 2: service 'mi_cloud' has no value under consent; "
                + "it is off (data needs consent)");
        assertThat(PolicyEngine.of(p).verdict("imei", "a.xiaomi.com", "US", "outbound", 0).verdict())
                .isEqualTo("violation");
    }

    @Test
    void unknownKeysAndBadCountryCodesAreWarnings() throws PolicyException {
        Policy p = load("""
                consent: {mi_cloud: on}
                services: {mi_cloud: {data: [imei], to: ["*.xiaomi.com"], via: wifi}}
                countries: {personal_data_deny: [cn, China]}
                retention: 30d
                """);
        assertThat(p.personalDataDeny()).containsExactly("CN");
        assertThat(p.warnings()).hasSize(3);
        assertThat(p.warnings().get(0)).contains("line 2: unknown key 'via' in service 'mi_cloud'");
        assertThat(p.warnings().get(1)).contains("line 3: 'China' in countries.personal_data_deny ignored");
        assertThat(p.warnings().get(2)).contains("line 4: unknown key 'retention'");
    }

    @Test
    void emptyAndNonMappingPoliciesAreErrors() {
        assertThat(error("").getMessage()).startsWith("policy.yaml: the policy is empty");
        assertThat(error("- a\n- b\n").getMessage()).startsWith("policy.yaml line 1: a policy must be a mapping");
    }

    @Test
    void aliasesAreRefused() {
        assertThat(error("""
                consent: {mi_cloud: on}
                services:
                  mi_cloud: &s {data: [imei], to: ["*.xiaomi.com"]}
                  other: *s
                """).getMessage()).contains("line 4: YAML aliases");
    }

    @Test
    void missingFileIsAnError(@TempDir Path dir) {
        assertThatThrownBy(() -> PolicyLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(PolicyException.class).hasMessageEndingWith("nope.yaml: no such file");
    }

    @Test
    void fileIsReadAsUtf8(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.yaml");
        Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe});
        assertThatThrownBy(() -> PolicyLoader.load(f)).hasMessageEndingWith("not UTF-8 text");
    }

    @Test
    void vocabularyCoversEveryProfileIdentifier() {
        assertThat(Identifiers.NAMES).containsAll(Arrays.stream(ProfileIdentifier.values())
                .map(ProfileIdentifier::key).toList()).contains("custom");
    }

    @Test
    void unknownSwitchOnTheCommandLineIsAnError() throws PolicyException {
        Policy p = load(PolicyFixtures.DESIGN);
        assertThatThrownBy(() -> p.withOverrides(java.util.List.of(Consent.parse("micloud=off"))))
                .isInstanceOf(PolicyException.class)
                .hasMessage("--consent: unknown switch 'micloud' in micloud=off (the policy's services: "
                        + "cloud_messaging, mi_cloud, telemetry)");
    }
}
