package org.phonehome.detect.profile;

import java.util.List;

/** A YAML value with the line it starts on; scalars keep their source text (no number or boolean conversion). */
sealed interface YamlNode {

    /** 1-based line where the value starts. */
    int line();

    /** A scalar. {@code text} is the scalar exactly as written ({@code 0123} stays {@code "0123"}), null for YAML null. */
    record Scalar(String text, int line) implements YamlNode {
    }

    /** A sequence. */
    record Sequence(List<YamlNode> items, int line) implements YamlNode {
    }

    /** A mapping, entries in file order (duplicate keys kept, for the reader to report). */
    record Mapping(List<Entry> entries, int line) implements YamlNode {
    }

    /** One key of a mapping: the key text, the key's line, and its value. */
    record Entry(String key, int line, YamlNode value) {
    }

    /** What the node is, for error messages: "a string", "a list", "a mapping", "empty". */
    static String describe(YamlNode node) {
        if (node instanceof Scalar s) {
            return s.text() == null ? "empty" : "a string";
        }
        return node instanceof Sequence ? "a list" : "a mapping";
    }
}
