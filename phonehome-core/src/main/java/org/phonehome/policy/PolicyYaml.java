package org.phonehome.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * YAML text as a tree of nodes that know their line; scalars keep their source text ({@code off} stays
 * {@code "off"}, not YAML 1.1's {@code false}). Aliases are refused (a policy has no use for them and they are the way
 * to blow up a YAML document); SnakeYAML's own bounds (nesting depth 50, 3 MB of code points) apply.
 */
final class PolicyYaml {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private PolicyYaml() {
    }

    /** A YAML value with the 1-based line it starts on. */
    sealed interface Node {
        int line();
    }

    /** A scalar exactly as written; {@code text} is null for YAML null (an empty value). */
    record Scalar(String text, int line) implements Node {
    }

    /** A sequence. */
    record Sequence(List<Node> items, int line) implements Node {
    }

    /** A mapping, entries in file order (duplicate keys kept, for the reader to report). */
    record Mapping(List<Entry> entries, int line) implements Node {
    }

    /** One key of a mapping: the key text, the key's line, and its value. */
    record Entry(String key, int line, Node value) {
    }

    /** True for an empty value ({@code key:} with nothing after it). */
    static boolean isEmpty(Node node) {
        return node instanceof Scalar s && s.text() == null;
    }

    /** What the node is, for error messages. */
    static String describe(Node node) {
        if (node instanceof Scalar s) {
            return s.text() == null ? "empty" : "a string";
        }
        return node instanceof Sequence ? "a list" : "a mapping";
    }

    /** The document's root; an empty document is an empty scalar on line 1. */
    static Node read(String yamlText, PolicyDiagnostics diagnostics) throws PolicyException {
        try (JsonParser parser = FACTORY.createParser(yamlText)) {
            if (parser.nextToken() == null) {
                return new Scalar(null, 1);
            }
            return readValue(parser, diagnostics);
        } catch (JsonProcessingException e) {
            throw syntaxError(e, diagnostics);
        } catch (IOException e) {
            throw diagnostics.error(0, "cannot read YAML: " + e.getMessage());
        }
    }

    private static Node readValue(JsonParser parser, PolicyDiagnostics diagnostics)
            throws IOException, PolicyException {
        int line = parser.currentTokenLocation().getLineNr();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw diagnostics.error(line, "YAML aliases (*" + parser.getText() + ") are not supported; "
                    + "write the value out");
        }
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            List<Entry> entries = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = parser.currentTokenLocation().getLineNr();
                parser.nextToken();
                entries.add(new Entry(key, keyLine, readValue(parser, diagnostics)));
            }
            return new Mapping(List.copyOf(entries), line);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(readValue(parser, diagnostics));
            }
            return new Sequence(List.copyOf(items), line);
        }
        return new Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), line);
    }

    /** A SnakeYAML syntax error as one line: "line N: invalid YAML: problem (while ... started on line M)". */
    private static PolicyException syntaxError(JsonProcessingException e, PolicyDiagnostics diagnostics) {
        org.phonehome.FileDiagnostics.SyntaxError error = org.phonehome.FileDiagnostics.yamlSyntaxError(e);
        return diagnostics.error(error.line(), error.problem());
    }
}
