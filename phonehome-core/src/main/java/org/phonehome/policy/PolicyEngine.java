package org.phonehome.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.phonehome.report.Destination;
import org.phonehome.report.Finding;
import org.phonehome.report.Times;

/**
 * Verdicts for findings and opt-out status for destinations, against one {@link Policy} (or none).
 *
 * <p>Finding verdicts, in this order (the rule strings are shown with an example):
 * <ol>
 *   <li>no policy: {@code unknown}, rule null;</li>
 *   <li>inbound (server to device): {@code unknown}, {@code inbound: received from HOST, not sent by the device}
 *       — never a leak by itself;</li>
 *   <li>the host matches a {@code public} pattern: {@code violation},
 *       {@code public: update.miui.com carries no personal data};</li>
 *   <li>no service lists the identifier and matches the host: {@code violation},
 *       {@code no service may send imei to tracking.example.cn};</li>
 *   <li>such services exist but every one is off at the finding's time: {@code violation},
 *       {@code services.mi_cloud (mi_cloud off at 2014-08-10T09:31:00Z)} (several joined by "; ");</li>
 *   <li>one is on, and the country is in {@code countries.personal_data_deny}: {@code violation},
 *       {@code countries.personal_data_deny: CN}; when the country is not known and the rule exists: {@code unknown},
 *       {@code countries.personal_data_deny: country of HOST unknown};</li>
 *   <li>else {@code allowed}, {@code services.mi_cloud (mi_cloud on at 2014-08-10T09:31:00Z)}.</li>
 * </ol>
 * A violation of 4 or 5 to a denied country gets {@code ; countries.personal_data_deny: CN} appended. Switches are
 * taken as they were at the finding's time ({@link ConsentTimeline}).
 */
public final class PolicyEngine {
    /** Time of a finding whose time is unknown: the switches' initial values are used, and no time is shown. */
    public static final long UNKNOWN_TIME = Long.MIN_VALUE;
    private static final String INBOUND = "inbound";

    private final Policy policy;
    private final ConsentTimeline timeline;

    private PolicyEngine(Policy policy) {
        this.policy = policy;
        this.timeline = policy == null ? null : policy.timeline();
    }

    /** The engine without a policy: every verdict is {@code unknown}. */
    public static PolicyEngine none() {
        return new PolicyEngine(null);
    }

    /** The engine for {@code policy}. */
    public static PolicyEngine of(Policy policy) {
        return new PolicyEngine(java.util.Objects.requireNonNull(policy, "policy"));
    }

    /** True when a policy was given. */
    public boolean hasPolicy() {
        return policy != null;
    }

    /**
     * The verdict for one finding.
     *
     * @param identifier the report's identifier name ({@code imei})
     * @param host       the destination's name (its IP when it has none)
     * @param country    ISO 3166 alpha-2 code of the server, or null when unknown
     * @param direction  {@code outbound} or {@code inbound}
     * @param timeNanos  capture time of the finding, or {@link #UNKNOWN_TIME}
     */
    public Verdict verdict(String identifier, String host, String country, String direction, long timeNanos) {
        if (policy == null) {
            return Verdict.NO_POLICY;
        }
        if (INBOUND.equals(direction)) {
            return new Verdict(Verdict.UNKNOWN, "inbound: received from " + host + ", not sent by the device");
        }
        HostPattern publicMatch = publicMatch(host);
        if (publicMatch != null) {
            return new Verdict(Verdict.VIOLATION, "public: " + publicMatch.text() + " carries no personal data");
        }
        String denied = deniedCountry(country);
        List<Service> candidates = new ArrayList<>();
        for (Service s : policy.services().values()) {
            if (s.data().contains(identifier) && s.bestMatch(host) != null) {
                candidates.add(s);
            }
        }
        if (candidates.isEmpty()) {
            return violation("no service may send " + identifier + " to " + host, denied);
        }
        Service on = candidates.stream().filter(s -> timeline.isOn(s.name(), timeNanos)).findFirst().orElse(null);
        if (on == null) {
            String offs = candidates.stream().map(s -> switchRule(s.name(), false, timeNanos))
                    .collect(Collectors.joining("; "));
            return violation(offs, denied);
        }
        if (denied != null) {
            return new Verdict(Verdict.VIOLATION, countryRule(denied));
        }
        if (country == null && !policy.personalDataDeny().isEmpty()) {
            return new Verdict(Verdict.UNKNOWN, "countries.personal_data_deny: country of " + host + " unknown");
        }
        return new Verdict(Verdict.ALLOWED, switchRule(on.name(), true, timeNanos));
    }

    /** The finding with its verdict and rule set; a finding without a time is judged on the initial switches. */
    public Finding judge(Finding f) {
        long time = f.time() == null ? UNKNOWN_TIME : Times.parseIso(f.time());
        Verdict v = verdict(f.identifier(), f.host(), f.country(), f.direction(), time);
        return new Finding(f.identifier(), f.category(), f.encoding(), f.layers(), f.part(), f.name(), f.host(),
                f.ip(), f.port(), f.country(), f.protocol(), f.direction(), f.frames(), f.time(), f.app(), f.source(),
                v.verdict(), v.rule(), f.evidence());
    }

    /**
     * What the policy says about a destination contacted in {@code contacts} (in any order): its service, and whether
     * any contact happened while that service was switched off (when several services tie for the most specific
     * pattern, while all of them were off).
     */
    public DestinationPolicy destination(String host, List<Contact> contacts) {
        if (policy == null) {
            return new DestinationPolicy(host, null, List.of(), false, null, null, null);
        }
        HostPattern publicMatch = publicMatch(host);
        if (publicMatch != null) {
            return new DestinationPolicy(host, null, List.of(), true, false, null, "public: " + publicMatch.text());
        }
        Set<String> owners = owners(host);
        if (owners.isEmpty()) {
            return new DestinationPolicy(host, null, List.of(), false, false, null, null);
        }
        Long first = null;
        for (Contact c : contacts) {
            Long off = timeline.firstAllOff(owners, c.startNanos(), c.endNanos());
            if (off != null && (first == null || off < first)) {
                first = off;
            }
        }
        String service = owners.iterator().next();
        String rule = first == null ? null : owners.stream().map(o -> "services." + o).collect(Collectors.joining(", "))
                + " (" + String.join(", ", owners) + " off at " + Times.iso(first) + ")";
        return new DestinationPolicy(host, service, List.copyOf(owners), false, first != null, first, rule);
    }

    /** {@link #destination(String, List)} for contacts known by their start times. */
    public DestinationPolicy destinationAtStarts(String host, long... startNanos) {
        List<Contact> contacts = new ArrayList<>(startNanos.length);
        for (long s : startNanos) {
            contacts.add(Contact.at(s));
        }
        return destination(host, contacts);
    }

    /** The destination with {@code service} and {@code contact_after_opt_out} set from {@code contacts}. */
    public Destination judge(Destination d, List<Contact> contacts) {
        DestinationPolicy p = destination(d.host(), contacts);
        return d.withPolicy(p.service(), p.contactAfterOptOut());
    }

    /** The services whose most specific matching pattern ties for the most specific of all, in file order. */
    private Set<String> owners(String host) {
        int best = Integer.MIN_VALUE;
        Set<String> owners = new LinkedHashSet<>();
        for (Service s : policy.services().values()) {
            HostPattern m = s.bestMatch(host);
            if (m == null || m.specificity() < best) {
                continue;
            }
            if (m.specificity() > best) {
                best = m.specificity();
                owners.clear();
            }
            owners.add(s.name());
        }
        return owners;
    }

    private HostPattern publicMatch(String host) {
        HostPattern best = null;
        for (HostPattern p : policy.publicHosts()) {
            if (p.matches(host) && (best == null || p.specificity() > best.specificity())) {
                best = p;
            }
        }
        return best;
    }

    private String deniedCountry(String country) {
        if (country == null) {
            return null;
        }
        String code = country.toUpperCase(Locale.ROOT);
        return policy.personalDataDeny().contains(code) ? code : null;
    }

    private static Verdict violation(String rule, String deniedCountry) {
        return new Verdict(Verdict.VIOLATION, deniedCountry == null ? rule : rule + "; " + countryRule(deniedCountry));
    }

    private static String countryRule(String code) {
        return "countries.personal_data_deny: " + code;
    }

    private static String switchRule(String name, boolean on, long timeNanos) {
        String when = timeNanos == UNKNOWN_TIME ? "" : " at " + Times.iso(timeNanos);
        return "services." + name + " (" + name + (on ? " on" : " off") + when + ")";
    }
}
