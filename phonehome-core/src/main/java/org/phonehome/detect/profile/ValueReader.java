package org.phonehome.detect.profile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads profile values (a string or a list of strings) with their lines, enforcing the length and count limits of
 * {@link ProfileLimits} and dropping duplicates with a warning.
 */
final class ValueReader {
    private final Diagnostics diagnostics;
    private int count;

    ValueReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** A value as written (trimmed) and the line it is on. */
    record Located(String text, int line) {
    }

    /**
     * The values of {@code what}: a string or a list of strings (numbers and booleans are read as written);
     * empty for YAML null; duplicates removed with a warning; empty strings skipped with a warning.
     */
    List<Located> strings(String what, YamlNode node) throws ProfileException {
        List<YamlNode> items;
        if (node instanceof YamlNode.Sequence seq) {
            items = seq.items();
        } else if (node instanceof YamlNode.Scalar s) {
            items = s.text() == null ? List.of() : List.of(node);
        } else {
            throw diagnostics.error(node.line(), what + " must be a string or a list of strings");
        }
        List<Located> values = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (YamlNode item : items) {
            if (!(item instanceof YamlNode.Scalar s) || s.text() == null) {
                throw diagnostics.error(item.line(), what + " must be a string or a list of strings, found "
                        + YamlNode.describe(item) + " in the list");
            }
            String text = checkedText(what, s);
            if (text.isEmpty()) {
                diagnostics.warn(s.line(), "empty " + what + " ignored");
                continue;
            }
            Integer earlier = firstLine.putIfAbsent(text, s.line());
            if (earlier != null) {
                diagnostics.warn(s.line(), "duplicate " + what + " '" + text + "' ignored (first on line " + earlier + ")");
                continue;
            }
            warnIfTooShort(what, text, s.line());
            count(s.line());
            values.add(new Located(text, s.line()));
        }
        return values;
    }

    /** A single string value (null for YAML null), length-checked but not counted. */
    String scalar(String what, YamlNode node) throws ProfileException {
        if (!(node instanceof YamlNode.Scalar s)) {
            throw diagnostics.error(node.line(), what + " must be a string, found " + YamlNode.describe(node));
        }
        return s.text() == null ? null : checkedText(what, s);
    }

    /** Warns that a value shorter than {@link ProfileLimits#MIN_VARIANT_BYTES} will not be looked for. */
    void warnIfTooShort(String what, String text, int line) {
        if (text.getBytes(StandardCharsets.UTF_8).length < ProfileLimits.MIN_VARIANT_BYTES) {
            diagnostics.warn(line, what + " '" + text + "' is shorter than " + ProfileLimits.MIN_VARIANT_BYTES
                    + " bytes: too common to look for");
        }
    }

    /** Counts one value on {@code line} against {@link ProfileLimits#MAX_VALUES}. */
    void count(int line) throws ProfileException {
        if (++count > ProfileLimits.MAX_VALUES) {
            throw diagnostics.error(line, "too many values: a profile holds at most " + ProfileLimits.MAX_VALUES);
        }
    }

    private String checkedText(String what, YamlNode.Scalar s) throws ProfileException {
        String text = s.text().strip();
        if (text.length() > ProfileLimits.MAX_VALUE_CHARS) {
            throw diagnostics.error(s.line(), what + " is " + text.length() + " characters long; the limit is "
                    + ProfileLimits.MAX_VALUE_CHARS);
        }
        return text;
    }
}
