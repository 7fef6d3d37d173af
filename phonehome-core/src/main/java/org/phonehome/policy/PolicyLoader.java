package org.phonehome.policy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a {@code policy.yaml} (docs/DESIGN.md) into a {@link Policy}.
 *
 * <p>Errors (a {@link PolicyException}, one sentence "policy.yaml line 7: ..."), because each would change verdicts
 * without the user noticing:
 * <ul>
 *   <li>malformed YAML, a value of the wrong shape, an empty file, a file over {@link #MAX_POLICY_CHARS};</li>
 *   <li>an identifier in a service's {@code data} that is not in the report vocabulary ({@link Identifiers}) — a typo
 *       there would turn an allowed finding into a violation, or the reverse;</li>
 *   <li>a switch in {@code consent} or {@code changes} that no service defines — a typo ({@code mi_clod: on})
 *       would otherwise leave the real switch at its default;</li>
 *   <li>a switch value other than on/off/true/false, a change time that is not an ISO-8601 instant.</li>
 * </ul>
 * Warnings (in {@link Policy#warnings()}, same form): a host pattern that can match nothing (empty, {@code **},
 * {@code a..b}, ...: dropped, so it allows nothing), a service without a consent value (treated as off), unknown keys,
 * duplicates, a country code that is not two letters.
 */
public final class PolicyLoader {
    /** A policy is a few dozen lines; a megabyte is surely not one, and bounds the YAML parser's work. */
    public static final int MAX_POLICY_CHARS = 1 << 20;
    private static final String TOP_KEYS = "consent, services, public, changes, countries";

    private PolicyLoader() {
    }

    /** Loads the policy at {@code path}; messages name the path as given. */
    public static Policy load(Path path) throws PolicyException {
        String fileName = path.toString();
        try {
            if (Files.size(path) > MAX_POLICY_CHARS) {
                throw new PolicyException(fileName, 0, "file is larger than " + MAX_POLICY_CHARS
                        + " bytes; a policy is a few dozen lines");
            }
            byte[] bytes = Files.readAllBytes(path);
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return load(text, fileName);
        } catch (NoSuchFileException e) {
            throw new PolicyException(fileName, 0, "no such file");
        } catch (CharacterCodingException e) {
            throw new PolicyException(fileName, 0, "not UTF-8 text");
        } catch (IOException e) {
            throw new PolicyException(fileName, 0, "cannot read: " + e.getMessage());
        }
    }

    /** Loads a policy from its text; {@code fileName} is used in messages. */
    public static Policy load(String yamlText, String fileName) throws PolicyException {
        PolicyDiagnostics diagnostics = new PolicyDiagnostics(fileName);
        if (yamlText.length() > MAX_POLICY_CHARS) {
            throw diagnostics.error(0, "file is larger than " + MAX_POLICY_CHARS
                    + " characters; a policy is a few dozen lines");
        }
        PolicyYaml.Node root = PolicyYaml.read(yamlText, diagnostics);
        if (PolicyYaml.isEmpty(root)) {
            throw diagnostics.error(0, "the policy is empty; give at least services (" + TOP_KEYS + ")");
        }
        if (!(root instanceof PolicyYaml.Mapping top)) {
            throw diagnostics.error(root.line(), "a policy must be a mapping (" + TOP_KEYS + "), found "
                    + PolicyYaml.describe(root));
        }
        Map<String, PolicyYaml.Entry> sections = sections(top, diagnostics);
        PolicyReading reading = new PolicyReading(diagnostics);
        Map<String, Service> services = sections.containsKey("services")
                ? reading.services(sections.get("services").value()) : new LinkedHashMap<>();
        var publicHosts = sections.containsKey("public")
                ? reading.patterns("public", sections.get("public").value()) : List.<HostPattern>of();
        Map<String, Boolean> consent = sections.containsKey("consent")
                ? reading.consent(sections.get("consent").value(), services) : new HashMap<>();
        var changes = sections.containsKey("changes")
                ? reading.changes(sections.get("changes").value(), services) : List.<ConsentChange>of();
        var deny = sections.containsKey("countries")
                ? reading.countries(sections.get("countries").value()) : java.util.Set.<String>of();
        for (Service s : services.values()) {
            if (!consent.containsKey(s.name())) {
                diagnostics.warn(s.line(), "service '" + s.name() + "' has no value under consent; it is off "
                        + "(data needs consent)");
            }
        }
        return new Policy(fileName, services, publicHosts, consent, changes, deny, diagnostics.warnings());
    }

    private static Map<String, PolicyYaml.Entry> sections(PolicyYaml.Mapping top, PolicyDiagnostics diagnostics) {
        Map<String, PolicyYaml.Entry> sections = new HashMap<>();
        for (PolicyYaml.Entry e : top.entries()) {
            switch (e.key()) {
                case "consent", "services", "public", "changes", "countries" -> {
                    PolicyYaml.Entry earlier = sections.putIfAbsent(e.key(), e);
                    if (earlier != null) {
                        diagnostics.warn(e.line(), "duplicate key '" + e.key() + "' ignored (first on line "
                                + earlier.line() + ")");
                    }
                }
                default -> diagnostics.warn(e.line(), "unknown key '" + e.key() + "' ignored (known: "
                        + TOP_KEYS + ")");
            }
        }
        return sections;
    }
}
