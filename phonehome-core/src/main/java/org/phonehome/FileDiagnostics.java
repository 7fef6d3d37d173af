package org.phonehome;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

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

    /**
     * "device.yaml line 7: problem", one line however the problem quotes the user's text: line breaks and other
     * control characters in it are written as escapes (a carriage return as {@code \\r}, U+0085 as {@code \\u0085}).
     */
    public static String message(String fileName, int line, String problem) {
        StringBuilder sb = new StringBuilder(locate(fileName, line));
        for (int i = 0; i < problem.length(); i++) {
            char c = problem.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c != '\t' && (Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The file name messages use. */
    protected String fileName() {
        return fileName;
    }

    /** Records a warning about {@code line}. */
    public void warn(int line, String problem) {
        warnings.add(new Warning(line, message(fileName, line, problem)));
    }

    /** The warnings so far, by line (those of one line in the order they were found). */
    public List<String> warnings() {
        return warnings.stream().sorted(Comparator.comparingInt(Warning::line)).map(Warning::text).toList();
    }

    /** A YAML syntax error as one line: where it is (0 when unknown) and what is wrong. */
    public record SyntaxError(int line, String problem) {
    }

    /**
     * Turns SnakeYAML's multi-line message into "invalid YAML: problem (while ... started on line M)" on the line of
     * the problem. Its problem texts may span lines themselves ("unexpected character found\n(10)"): they are joined.
     */
    public static SyntaxError yamlSyntaxError(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                Mark problemMark = marked.getProblemMark();
                String problem = "invalid YAML: " + oneLine(marked.getProblem());
                Mark contextMark = marked.getContextMark();
                if (marked.getContext() != null && contextMark != null) {
                    problem += " (" + oneLine(marked.getContext()) + " started on line " + (contextMark.getLine() + 1)
                            + ")";
                }
                return new SyntaxError(problemMark.getLine() + 1, problem);
            }
        }
        int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return new SyntaxError(line, "invalid YAML: " + (newline < 0 ? message : message.substring(0, newline)));
    }

    private static String oneLine(String text) {
        return text == null ? null : text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
