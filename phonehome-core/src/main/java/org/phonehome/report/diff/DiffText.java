package org.phonehome.report.diff;

import java.util.List;
import java.util.function.Function;
import org.phonehome.report.Destination;

/**
 * The diff for people: a verdict line, then sections of {@code -} (only before: gone) and {@code +} (only after: new)
 * lines; a changed verdict is a {@code -} line with the old verdict and a {@code +} line with the new one; a changed
 * destination is one line starting {@code ~}. No identifier value is printed (keys are names only).
 *
 * <pre>
 * worse: 1 new violation, 1 new contact after opt-out
 *   new violation: imei (md5-hex) in query imei_md5 to tracking.example.cn
 *   ...
 * findings gone (2):
 * - imei (plain) in form imei to api.account.xiaomi.com  [violation, 1x]  countries.personal_data_deny: CN
 * ...
 * </pre>
 */
public final class DiffText {
    private static final String INDENT = "  ";

    private DiffText() {
    }

    /** The text, ending with a newline. */
    public static String render(AuditDiff diff) {
        StringBuilder out = new StringBuilder();
        out.append(headline(diff)).append('\n');
        diff.worseReasons().forEach(r -> out.append(INDENT).append(r).append('\n'));
        section(out, "findings gone", diff.findingsDisappeared(), g -> "- " + finding(g));
        section(out, "findings new", diff.findingsAppeared(), g -> "+ " + finding(g));
        section(out, "findings with a changed verdict", diff.verdictChanged(), c ->
                "- " + c.key().describe() + "  [" + c.before() + "]" + rule(c.ruleBefore()) + "\n"
                + "+ " + c.key().describe() + "  [" + c.after() + "]" + rule(c.ruleAfter()));
        section(out, "destinations gone", diff.destinationsDisappeared(), d -> "- " + destination(d));
        section(out, "destinations new", diff.destinationsAppeared(), d -> "+ " + destination(d));
        section(out, "destinations changed", diff.destinationsChanged(), DiffText::change);
        return out.toString();
    }

    private static String headline(AuditDiff diff) {
        if (diff.isEmpty()) {
            return "no change";
        }
        int gone = diff.findingsDisappeared().size();
        int added = diff.findingsAppeared().size();
        String counts = gone + " leak" + (gone == 1 ? "" : "s") + " gone, " + added + " new, "
                + diff.verdictChanged().size() + " changed verdict";
        return (diff.worse() ? "worse: " : "not worse: ") + counts;
    }

    private static <T> void section(StringBuilder out, String title, List<T> items, Function<T, String> line) {
        if (items.isEmpty()) {
            return;
        }
        out.append(title).append(" (").append(items.size()).append("):\n");
        items.forEach(i -> out.append(line.apply(i)).append('\n'));
    }

    private static String finding(FindingGroup g) {
        return g.key().describe() + (g.country() == null ? "" : " (" + g.country() + ")") + "  [" + g.verdict()
                + ", " + g.count() + "x]" + rule(g.rule());
    }

    private static String rule(String rule) {
        return rule == null ? "" : "  " + rule;
    }

    private static String destination(Destination d) {
        StringBuilder sb = new StringBuilder(d.host());
        if (d.country() != null) {
            sb.append(" (").append(d.country()).append(')');
        }
        sb.append(", ").append(d.flows()).append(d.flows() == 1 ? " flow" : " flows");
        if (d.service() != null) {
            sb.append(", service ").append(d.service());
        }
        if (Boolean.TRUE.equals(d.contactAfterOptOut())) {
            sb.append(", contact after opt-out");
        }
        return sb.toString();
    }

    private static String change(DestinationChange c) {
        StringBuilder sb = new StringBuilder("~ ").append(c.host()).append(':');
        if (c.optOutChanged()) {
            sb.append(" contact after opt-out ").append(yesNo(c.contactAfterOptOutBefore())).append(" -> ")
                    .append(yesNo(c.contactAfterOptOutAfter()));
            if (c.flowsBefore() != c.flowsAfter()) {
                sb.append(',');
            }
        }
        if (c.flowsBefore() != c.flowsAfter()) {
            sb.append(" flows ").append(c.flowsBefore()).append(" -> ").append(c.flowsAfter());
        }
        return sb.toString();
    }

    private static String yesNo(Boolean b) {
        return b == null ? "unknown" : b ? "yes" : "no";
    }
}
