package org.phonehome.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.phonehome.policy.Policy;
import org.phonehome.policy.PolicyEngine;
import org.phonehome.policy.PolicyException;
import org.phonehome.policy.PolicyLoader;

/**
 * The policy loader on any text (YAML syntax, sections, services, host patterns, consent switches, timed changes,
 * country rules), then verdicts of a policy it accepts for a few identifiers, hosts and times. Only
 * {@link PolicyException} (one line naming the file and line) may escape the loader; a loaded policy always judges.
 */
class PolicyFuzzTest {
    private static final String[] IDENTIFIERS = {"imei", "phone", "contact", "location", "custom"};
    private static final String[] HOSTS = {"api.account.xiaomi.com", "tracking.intl.miui.com", "update.miui.com",
        "111.13.141.211", "", "a..b", "xn--fiqs8s.example"};
    private static final long[] TIMES = {PolicyEngine.UNKNOWN_TIME, 0L, 1_407_663_000_000_000_000L, Long.MAX_VALUE};

    @FuzzTest
    void loadsAnyText(byte[] data) {
        Policy policy;
        try {
            policy = PolicyLoader.load(new String(data, StandardCharsets.UTF_8), "policy.yaml");
        } catch (PolicyException e) {
            assertThat(e.getMessage()).startsWith("policy.yaml").doesNotContain("\n");
            return;
        }
        assertThat(policy.warnings()).doesNotContainNull();
        PolicyEngine engine = PolicyEngine.of(policy);
        for (String host : HOSTS) {
            for (String identifier : IDENTIFIERS) {
                for (long t : TIMES) {
                    assertThat(engine.verdict(identifier, host, "CN", "outbound", t)).isNotNull();
                }
            }
            assertThat(engine.destinationAtStarts(host, TIMES)).isNotNull();
        }
    }
}
