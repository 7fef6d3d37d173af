package org.phonehome.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.phonehome.report.Times;

/**
 * examples/policy.yaml against what examples/README.md says the example capture holds (hosts, planted leaks and
 * their times in the committed redmi-note.pcap; every server is in CN).
 */
class ExamplePolicyTest {
    /** Frame 22, the register POST: Mi Cloud still on. */
    private static final String REGISTER = "2026-11-26T02:00:27.387900Z";
    /** Frame 34, the SDK config GET. */
    private static final String SDK = "2026-11-26T02:00:27.799856Z";
    /** Frame 46, the tracking POST. */
    private static final String TRACKING = "2026-11-26T02:00:28.314682Z";
    /** Frame 93, the UDP push datagram. */
    private static final String PUSH = "2026-11-26T02:00:30.857853Z";
    /** Frame 100, the first heartbeat: Mi Cloud is off by then. */
    private static final String HEARTBEAT = "2026-11-26T02:00:32.390005Z";
    private static PolicyEngine engine;

    @BeforeAll
    static void load() throws PolicyException {
        engine = PolicyEngine.of(PolicyLoader.load(Path.of("..", "examples", "policy.yaml")));
    }

    static Stream<Arguments> leaks() {
        return Stream.of(
            Arguments.of("imei", "api.account.xiaomi.com", REGISTER, "countries.personal_data_deny: CN"),
            Arguments.of("contact", "api.account.xiaomi.com", REGISTER, "countries.personal_data_deny: CN"),
            Arguments.of("wifi_mac", "api.account.xiaomi.com", REGISTER,
                    "no service may send wifi_mac to api.account.xiaomi.com; countries.personal_data_deny: CN"),
            Arguments.of("android_id", "sdkconfig.ad.xiaomi.com", SDK,
                    "services.telemetry (telemetry off at " + SDK + "); countries.personal_data_deny: CN"),
            Arguments.of("sms", "tracking.intl.miui.com", TRACKING,
                    "no service may send sms to tracking.intl.miui.com; countries.personal_data_deny: CN"),
            Arguments.of("imei", "update.miui.com", TRACKING, "public: update.miui.com carries no personal data"),
            Arguments.of("canary", "app.chat.xiaomi.net", PUSH,
                    "no service may send canary to app.chat.xiaomi.net; countries.personal_data_deny: CN"),
            Arguments.of("phone", "api.account.xiaomi.com", HEARTBEAT,
                    "services.mi_cloud (mi_cloud off at " + HEARTBEAT + "); services.cloud_messaging "
                            + "(cloud_messaging off at " + HEARTBEAT + "); countries.personal_data_deny: CN"));
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("leaks")
    void everyPlantedLeakIsAViolation(String identifier, String host, String time, String rule) {
        Verdict v = engine.verdict(identifier, host, "CN", "outbound", Times.parseIso(time));
        assertThat(v).isEqualTo(new Verdict("violation", rule));
    }

    static Stream<Arguments> destinations() {
        return Stream.of(
            Arguments.of("api.account.xiaomi.com", "mi_cloud", true),
            Arguments.of("sdkconfig.ad.xiaomi.com", "telemetry", true),
            Arguments.of("tracking.intl.miui.com", "telemetry", true),
            Arguments.of("app.chat.xiaomi.net", "cloud_messaging", true),
            Arguments.of("update.miui.com", null, false),
            Arguments.of("www.google.com", null, false),
            Arguments.of("cn.pool.ntp.org", null, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("destinations")
    void destinationsOfTheExample(String host, String service, boolean afterOptOut) {
        DestinationPolicy d = engine.destinationAtStarts(host, Times.parseIso(REGISTER), Times.parseIso(HEARTBEAT));
        assertThat(d.service()).isEqualTo(service);
        assertThat(d.contactAfterOptOut()).isEqualTo(afterOptOut);
    }
}
