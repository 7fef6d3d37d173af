package org.phonehome.policy;

/**
 * The policy's answer for one finding.
 *
 * @param verdict {@link #ALLOWED}, {@link #VIOLATION} or {@link #UNKNOWN} (the report's vocabulary)
 * @param rule    the rule that decided it, short and readable ({@code services.mi_cloud (mi_cloud off at ...)}); null
 *                only when there is no policy
 */
public record Verdict(String verdict, String rule) {
    public static final String ALLOWED = "allowed";
    public static final String VIOLATION = "violation";
    public static final String UNKNOWN = "unknown";

    /** The verdict of every finding when no policy is given. */
    public static final Verdict NO_POLICY = new Verdict(UNKNOWN, null);

    /** True for a violation. */
    public boolean isViolation() {
        return VIOLATION.equals(verdict);
    }
}
