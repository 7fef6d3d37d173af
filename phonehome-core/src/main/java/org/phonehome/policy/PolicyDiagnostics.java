package org.phonehome.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects warnings about one policy file and makes its errors, each prefixed with the file name and line. */
final class PolicyDiagnostics {
    private final String source;
    private final List<Warning> warnings = new ArrayList<>();

    private record Warning(int line, String text) {
    }

    PolicyDiagnostics(String source) {
        this.source = source;
    }

    /** "policy.yaml line 7: " (or "policy.yaml: " for line 0). */
    static String locate(String source, int line) {
        return line > 0 ? source + " line " + line + ": " : source + ": ";
    }

    /** Records a warning about {@code line}. */
    void warn(int line, String problem) {
        warnings.add(new Warning(line, locate(source, line) + problem));
    }

    /** An error about {@code line}, for the caller to throw. */
    PolicyException error(int line, String problem) {
        return new PolicyException(source, line, problem);
    }

    /** The warnings so far, by line (those of one line in the order they were found). */
    List<String> warnings() {
        return warnings.stream().sorted(Comparator.comparingInt(Warning::line)).map(Warning::text).toList();
    }
}
