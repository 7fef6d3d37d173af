package org.phonehome.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loaded {@code policy.yaml}.
 *
 * @param source          the file name as the user gave it (for messages)
 * @param services        the services by name, in file order
 * @param publicHosts     endpoints that may be contacted at any time and carry no personal data
 * @param consent         each switch's value at the start of the capture; a service without a value is off
 * @param changes         switches flipped during the capture, in the order they were written
 * @param personalDataDeny ISO 3166 alpha-2 codes (upper case) to which no personal data may go
 * @param warnings        problems that did not stop loading, each "file line N: ..."
 */
public record Policy(String source, Map<String, Service> services, List<HostPattern> publicHosts,
                     Map<String, Boolean> consent, List<ConsentChange> changes, Set<String> personalDataDeny,
                     List<String> warnings) {
    /** Source name of switches set on the command line, in messages. */
    public static final String COMMAND_LINE = "--consent";

    public Policy {
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
        publicHosts = List.copyOf(publicHosts);
        consent = Map.copyOf(consent);
        changes = List.copyOf(changes);
        personalDataDeny = Set.copyOf(personalDataDeny);
        warnings = List.copyOf(warnings);
    }

    /**
     * This policy with switches set on the command line. A switch without a time replaces the file's value for the
     * whole capture (the file's changes of that switch are dropped: the user said what it was); one with a time is
     * a change at that instant, applied after the file's changes of the same instant.
     *
     * @throws PolicyException naming {@code --consent} when a switch is not a service of the policy
     */
    public Policy withOverrides(List<Consent> overrides) throws PolicyException {
        Map<String, Boolean> newConsent = new HashMap<>(consent);
        List<ConsentChange> newChanges = new ArrayList<>(changes);
        int order = changes.stream().mapToInt(ConsentChange::order).max().orElse(0);
        for (Consent c : overrides) {
            if (!services.containsKey(c.name())) {
                throw new PolicyException(COMMAND_LINE, 0, "unknown switch '" + c.name() + "' in " + c
                        + " (the policy's services: " + String.join(", ", services.keySet()) + ")");
            }
            if (c.atNanos() == null) {
                newConsent.put(c.name(), c.on());
                newChanges.removeIf(ch -> ch.switchName().equals(c.name()));
            } else {
                newChanges.add(new ConsentChange(c.atNanos(), c.name(), c.on(), ++order));
            }
        }
        return new Policy(source, services, publicHosts, newConsent, newChanges, personalDataDeny, warnings);
    }

    /** The switches over time. */
    ConsentTimeline timeline() {
        return new ConsentTimeline(consent, changes);
    }
}
