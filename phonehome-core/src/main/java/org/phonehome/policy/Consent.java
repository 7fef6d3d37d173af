package org.phonehome.policy;

import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.phonehome.report.Times;

/**
 * One consent switch set on the command line: {@code --consent cloud_messaging=off} (for the whole capture) or
 * {@code --consent mi_cloud=on@2014-08-10T09:30:00Z} (flipped at that instant). Values: {@code on}/{@code off}/
 * {@code true}/{@code false}, any case.
 *
 * @param name    the switch
 * @param on      its value
 * @param atNanos when it was flipped (nanoseconds since the epoch), or null for the whole capture
 */
public record Consent(String name, boolean on, Long atNanos) {

    /** Parses {@code name=on}, {@code name=off@TIME}; the exception's message is one line for the user. */
    public static Consent parse(String text) {
        int eq = text == null ? -1 : text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--consent wants SWITCH=on|off[@TIME], got '" + text + "'");
        }
        String name = text.substring(0, eq).trim();
        String rest = text.substring(eq + 1).trim();
        Long at = null;
        int atSign = rest.indexOf('@');
        if (atSign >= 0) {
            String time = rest.substring(atSign + 1).trim();
            try {
                at = Times.parseIso(time);
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException("--consent " + text + ": '" + time
                        + "' is not an ISO-8601 instant such as 2014-08-10T09:30:00Z");
            }
            rest = rest.substring(0, atSign).trim();
        }
        Boolean on = switchValue(rest);
        if (on == null) {
            throw new IllegalArgumentException("--consent " + text + ": '" + rest + "' is not on, off, true or false");
        }
        return new Consent(name, on, at);
    }

    /** {@code on}/{@code true} → true, {@code off}/{@code false} → false (any case), else null. */
    static Boolean switchValue(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true" -> Boolean.TRUE;
            case "off", "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** {@code name=on} or {@code name=off@TIME}, as given on the command line. */
    @Override
    public String toString() {
        return name + "=" + (on ? "on" : "off") + (atNanos == null ? "" : "@" + Times.iso(atNanos));
    }
}
