package org.phonehome.report.diff;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A destination contacted in both audits whose opt-out status or number of flows differs.
 *
 * @param host                     the destination
 * @param contactAfterOptOutBefore before ({@code null}: no policy)
 * @param contactAfterOptOutAfter  after
 * @param flowsBefore              flows before
 * @param flowsAfter               flows after
 */
@JsonPropertyOrder({"host", "contact_after_opt_out_before", "contact_after_opt_out_after", "flows_before",
    "flows_after"})
public record DestinationChange(String host, Boolean contactAfterOptOutBefore, Boolean contactAfterOptOutAfter,
                                long flowsBefore, long flowsAfter) {

    /** True when contact after opt-out was not reported before and is now. */
    public boolean newContactAfterOptOut() {
        return Boolean.TRUE.equals(contactAfterOptOutAfter) && !Boolean.TRUE.equals(contactAfterOptOutBefore);
    }

    /** True when the opt-out status differs. */
    public boolean optOutChanged() {
        return !Objects.equals(contactAfterOptOutBefore, contactAfterOptOutAfter);
    }
}
