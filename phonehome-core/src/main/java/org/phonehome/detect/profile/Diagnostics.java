package org.phonehome.detect.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects warnings about one profile file and makes its errors, each prefixed with the file name and line. */
final class Diagnostics {
    private final String fileName;
    private final List<Warning> warnings = new ArrayList<>();

    private record Warning(int line, String text) {
    }

    Diagnostics(String fileName) {
        this.fileName = fileName;
    }

    /** "device.yaml line 7: " (or "device.yaml: " for line 0). */
    static String locate(String fileName, int line) {
        return line > 0 ? fileName + " line " + line + ": " : fileName + ": ";
    }

    /** Records a warning about {@code line}. */
    void warn(int line, String problem) {
        warnings.add(new Warning(line, locate(fileName, line) + problem));
    }

    /** An error about {@code line}, for the caller to throw. */
    ProfileException error(int line, String problem) {
        return new ProfileException(fileName, line, problem);
    }

    /** The warnings so far, by line (those of one line in the order they were found). */
    List<String> warnings() {
        return warnings.stream().sorted(Comparator.comparingInt(Warning::line)).map(Warning::text).toList();
    }
}
