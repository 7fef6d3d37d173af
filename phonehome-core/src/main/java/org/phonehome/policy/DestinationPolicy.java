package org.phonehome.policy;

import java.util.List;

/**
 * What the policy says about one destination.
 *
 * @param host               the destination
 * @param service            the service it belongs to: the one whose {@code to} pattern matching the host is the most
 *                           specific (ties: the first in the file); null when none does, it is public, or no policy
 * @param services           every service tied for the most specific match (file order); contact is after opt-out
 *                           only when all of them are off
 * @param publicEndpoint     true when a {@code public} pattern matches it (public wins over services)
 * @param contactAfterOptOut true when it was contacted while its service(s) were switched off; false for public
 *                           endpoints and hosts of no service; null without a policy
 * @param firstOptOutNanos   the first instant of a contact at which its service(s) were off, or null
 * @param rule               why ({@code services.mi_cloud (mi_cloud off at ...)}, {@code public: update.miui.com}),
 *                           or null
 */
public record DestinationPolicy(String host, String service, List<String> services, boolean publicEndpoint,
                                Boolean contactAfterOptOut, Long firstOptOutNanos, String rule) {
    public DestinationPolicy {
        services = List.copyOf(services);
    }
}
