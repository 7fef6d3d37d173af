package org.phonehome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Warnings about one file the user wrote (a device profile, a policy), each prefixed with the file name and line,
 * in line order. Subclasses add the error type of their file.
 */
public abstract class FileDiagnostics {
    private final String fileName;
    private final List<Warning> warnings = new ArrayList<>();

    private record Warning(int line, String text) {
    }

    /** @param fileName how messages name the file */
    protected FileDiagnostics(String fileName) {
        this.fileName = fileName;
    }

    /** "device.yaml line 7: " (or "device.yaml: " for line 0). */
    public static String locate(String fileName, int line) {
        return line > 0 ? fileName + " line " + line + ": " : fileName + ": ";
    }

    /** The file name messages use. */
    protected String fileName() {
        return fileName;
    }

    /** Records a warning about {@code line}. */
    public void warn(int line, String problem) {
        warnings.add(new Warning(line, locate(fileName, line) + problem));
    }

    /** The warnings so far, by line (those of one line in the order they were found). */
    public List<String> warnings() {
        return warnings.stream().sorted(Comparator.comparingInt(Warning::line)).map(Warning::text).toList();
    }
}
