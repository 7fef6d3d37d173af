package org.phonehome.policy;

import java.util.List;
import java.util.Set;

/**
 * A service of the policy: what personal data it may send and where. Its consent switch has the same name.
 *
 * @param name the service's name, also its switch ({@code mi_cloud})
 * @param data identifier names it may send ({@link Identifiers}); empty when it may only be contacted
 * @param to   host patterns it sends to; patterns that can match nothing were dropped with a warning
 * @param line 1-based line of its definition, 0 when it does not come from a file
 */
public record Service(String name, Set<String> data, List<HostPattern> to, int line) {
    public Service {
        data = Set.copyOf(data);
        to = List.copyOf(to);
    }

    /** The most specific of its patterns that matches {@code host}, or null. */
    public HostPattern bestMatch(String host) {
        HostPattern best = null;
        for (HostPattern p : to) {
            if (p.matches(host) && (best == null || p.specificity() > best.specificity())) {
                best = p;
            }
        }
        return best;
    }
}
