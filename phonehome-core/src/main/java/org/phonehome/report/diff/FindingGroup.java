package org.phonehome.report.diff;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.phonehome.report.Finding;

/**
 * The findings of one audit that share a {@link FindingKey}.
 *
 * @param key     what they have in common
 * @param count   how many findings (occurrences) the audit has
 * @param verdict the worst of their verdicts: violation, then unknown, then allowed
 * @param rule    the rule of a finding with that verdict (the first), or null
 * @param country the country of the first finding, or null
 */
@JsonPropertyOrder({"key", "count", "verdict", "rule", "country"})
public record FindingGroup(@JsonUnwrapped FindingKey key, int count, String verdict, String rule, String country) {
    private static final List<String> SEVERITY = List.of("allowed", "unknown", "violation");

    /** The group of {@code findings} (all with the same key, in report order; at least one). */
    static FindingGroup of(FindingKey key, List<Finding> findings) {
        Finding worst = findings.get(0);
        for (Finding f : findings) {
            if (severity(f.verdict()) > severity(worst.verdict())) {
                worst = f;
            }
        }
        return new FindingGroup(key, findings.size(), worst.verdict(), worst.rule(), findings.get(0).country());
    }

    /** True when the worst verdict is a violation. */
    public boolean violation() {
        return "violation".equals(verdict);
    }

    /** allowed 0, unknown or absent 1, violation 2. */
    static int severity(String verdict) {
        int i = SEVERITY.indexOf(verdict);
        return i < 0 ? 1 : i;
    }
}
