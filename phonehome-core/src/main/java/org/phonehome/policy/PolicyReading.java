package org.phonehome.policy;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.phonehome.report.Times;

/** Reads the sections of one policy file; the rules are those of {@link PolicyLoader}. */
final class PolicyReading {
    private static final String SERVICE_KEYS = "data, to";
    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z]{2}");

    private final PolicyDiagnostics diagnostics;
    private int changeOrder;

    PolicyReading(PolicyDiagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Map<String, Service> services(PolicyYaml.Node node) throws PolicyException {
        Map<String, Service> services = new LinkedHashMap<>();
        for (PolicyYaml.Entry e : mapping("services", node).entries()) {
            if (services.containsKey(e.key())) {
                diagnostics.warn(e.line(), "duplicate service '" + e.key() + "' ignored (first on line "
                        + services.get(e.key()).line() + ")");
                continue;
            }
            services.put(e.key(), service(e));
        }
        return services;
    }

    private Service service(PolicyYaml.Entry entry) throws PolicyException {
        String name = entry.key();
        Set<String> data = new LinkedHashSet<>();
        List<HostPattern> to = new ArrayList<>();
        for (PolicyYaml.Entry e : mapping("service '" + name + "'", entry.value()).entries()) {
            switch (e.key()) {
                case "data" -> data.addAll(identifiers(name, e.value()));
                case "to" -> to.addAll(patterns("services." + name + ".to", e.value()));
                default -> diagnostics.warn(e.line(), "unknown key '" + e.key() + "' in service '" + name
                        + "' ignored (known: " + SERVICE_KEYS + ")");
            }
        }
        if (to.isEmpty()) {
            diagnostics.warn(entry.line(), "service '" + name + "' has no usable 'to' patterns; it allows nothing "
                    + "and no destination belongs to it");
        }
        return new Service(name, data, to, entry.line());
    }

    private Set<String> identifiers(String service, PolicyYaml.Node node) throws PolicyException {
        Set<String> names = new LinkedHashSet<>();
        for (PolicyYaml.Scalar s : scalars("services." + service + ".data", node)) {
            String name = s.text().trim();
            if (!Identifiers.isKnown(name)) {
                throw diagnostics.error(s.line(), "unknown identifier '" + name + "' in service '" + service
                        + "' (known: " + String.join(", ", Identifiers.NAMES) + ")");
            }
            names.add(name);
        }
        return names;
    }

    /** Host patterns of {@code what}; one that can match nothing is dropped with a warning naming its line. */
    List<HostPattern> patterns(String what, PolicyYaml.Node node) throws PolicyException {
        List<HostPattern> patterns = new ArrayList<>();
        for (PolicyYaml.Scalar s : scalars(what, node)) {
            try {
                HostPattern p = HostPattern.parse(s.text());
                if (!patterns.contains(p)) {
                    patterns.add(p);
                }
            } catch (IllegalArgumentException e) {
                diagnostics.warn(s.line(), "host pattern in " + what + " ignored: " + e.getMessage());
            }
        }
        return patterns;
    }

    Map<String, Boolean> consent(PolicyYaml.Node node, Map<String, Service> services) throws PolicyException {
        Map<String, Boolean> consent = new HashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        for (PolicyYaml.Entry e : mapping("consent", node).entries()) {
            checkSwitch(e.key(), e.line(), "consent", services);
            boolean on = switchValue(e.key(), e.value());
            Integer earlier = lines.putIfAbsent(e.key(), e.line());
            if (earlier != null) {
                diagnostics.warn(e.line(), "duplicate switch '" + e.key() + "' ignored (first on line " + earlier
                        + ")");
                continue;
            }
            consent.put(e.key(), on);
        }
        return consent;
    }

    List<ConsentChange> changes(PolicyYaml.Node node, Map<String, Service> services) throws PolicyException {
        if (PolicyYaml.isEmpty(node)) {
            return List.of();
        }
        if (!(node instanceof PolicyYaml.Sequence seq)) {
            throw diagnostics.error(node.line(), "changes must be a list of {at: TIME, set: {switch: on|off}}, found "
                    + PolicyYaml.describe(node));
        }
        List<ConsentChange> changes = new ArrayList<>();
        for (PolicyYaml.Node item : seq.items()) {
            changes.addAll(change(item, services));
        }
        return changes;
    }

    private List<ConsentChange> change(PolicyYaml.Node item, Map<String, Service> services) throws PolicyException {
        Long at = null;
        PolicyYaml.Mapping set = null;
        for (PolicyYaml.Entry e : mapping("a change", item).entries()) {
            switch (e.key()) {
                case "at" -> at = instant(e.value());
                case "set" -> set = mapping("set", e.value());
                default -> diagnostics.warn(e.line(), "unknown key '" + e.key() + "' in a change ignored "
                        + "(known: at, set)");
            }
        }
        if (at == null || set == null) {
            throw diagnostics.error(item.line(), "a change needs 'at' (an ISO-8601 instant) and 'set' "
                    + "({switch: on|off})");
        }
        List<ConsentChange> out = new ArrayList<>();
        for (PolicyYaml.Entry e : set.entries()) {
            checkSwitch(e.key(), e.line(), "changes", services);
            out.add(new ConsentChange(at, e.key(), switchValue(e.key(), e.value()), ++changeOrder));
        }
        return out;
    }

    Set<String> countries(PolicyYaml.Node node) throws PolicyException {
        Set<String> deny = new TreeSet<>();
        for (PolicyYaml.Entry e : mapping("countries", node).entries()) {
            if (!e.key().equals("personal_data_deny")) {
                diagnostics.warn(e.line(), "unknown key '" + e.key() + "' in countries ignored "
                        + "(known: personal_data_deny)");
                continue;
            }
            for (PolicyYaml.Scalar s : scalars("countries.personal_data_deny", e.value())) {
                String code = s.text().trim().toUpperCase(Locale.ROOT);
                if (!COUNTRY_CODE.matcher(code).matches()) {
                    diagnostics.warn(s.line(), "'" + s.text() + "' in countries.personal_data_deny ignored: not an "
                            + "ISO 3166 alpha-2 code such as CN");
                    continue;
                }
                deny.add(code);
            }
        }
        return deny;
    }

    private void checkSwitch(String name, int line, String where, Map<String, Service> services)
            throws PolicyException {
        if (!services.containsKey(name)) {
            throw diagnostics.error(line, "unknown switch '" + name + "' in " + where + ": no service of that name"
                    + (services.isEmpty() ? " (the policy defines no services)"
                    : " (services: " + String.join(", ", services.keySet()) + ")"));
        }
    }

    private boolean switchValue(String name, PolicyYaml.Node node) throws PolicyException {
        Boolean on = node instanceof PolicyYaml.Scalar s ? Consent.switchValue(s.text()) : null;
        if (on == null) {
            throw diagnostics.error(node.line(), "switch '" + name + "' must be on, off, true or false, found "
                    + (node instanceof PolicyYaml.Scalar s && s.text() != null ? "'" + s.text() + "'"
                    : PolicyYaml.describe(node)));
        }
        return on;
    }

    private long instant(PolicyYaml.Node node) throws PolicyException {
        String text = node instanceof PolicyYaml.Scalar s ? s.text() : null;
        try {
            if (text != null) {
                return Times.parseIso(text.trim());
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // reported below
        }
        throw diagnostics.error(node.line(), "'at' must be an ISO-8601 instant such as 2014-08-10T09:30:00Z, found "
                + (text == null ? PolicyYaml.describe(node) : "'" + text + "'"));
    }

    private PolicyYaml.Mapping mapping(String what, PolicyYaml.Node node) throws PolicyException {
        if (PolicyYaml.isEmpty(node)) {
            return new PolicyYaml.Mapping(List.of(), node.line());
        }
        if (!(node instanceof PolicyYaml.Mapping m)) {
            throw diagnostics.error(node.line(), what + " must be a mapping, found " + PolicyYaml.describe(node));
        }
        return m;
    }

    /** A string or a list of strings, empty strings skipped; anything else is an error. */
    private List<PolicyYaml.Scalar> scalars(String what, PolicyYaml.Node node) throws PolicyException {
        List<PolicyYaml.Node> items = node instanceof PolicyYaml.Sequence seq ? seq.items()
                : PolicyYaml.isEmpty(node) ? List.of() : List.of(node);
        List<PolicyYaml.Scalar> out = new ArrayList<>();
        for (PolicyYaml.Node item : items) {
            if (!(item instanceof PolicyYaml.Scalar s)) {
                throw diagnostics.error(item.line(), what + " must be a string or a list of strings, found "
                        + PolicyYaml.describe(item));
            }
            if (s.text() == null) {
                if (what.endsWith(".to") || what.equals("public")) {
                    diagnostics.warn(s.line(), "host pattern in " + what + " ignored: an empty host pattern "
                            + "matches nothing");
                }
                continue;
            }
            out.add(s);
        }
        return out;
    }
}
