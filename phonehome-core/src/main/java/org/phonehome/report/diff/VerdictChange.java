package org.phonehome.report.diff;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A leak found in both audits whose (worst) verdict differs.
 *
 * @param key        the leak
 * @param before     its verdict before
 * @param after      its verdict after
 * @param ruleBefore the rule before, or null
 * @param ruleAfter  the rule after, or null
 */
@JsonPropertyOrder({"key", "before", "after", "rule_before", "rule_after"})
public record VerdictChange(@JsonUnwrapped FindingKey key, String before, String after, String ruleBefore,
                            String ruleAfter) {

    /** True when it became a violation. */
    public boolean becameViolation() {
        return "violation".equals(after) && !"violation".equals(before);
    }
}
