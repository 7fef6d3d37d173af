package org.phonehome.cli;

import java.io.PrintWriter;
import org.phonehome.AuditRequest;

/** A one-line progress bar on stderr for long runs on a terminal; silent when output is piped. */
final class ProgressBar implements AuditRequest.Progress {
    /** Redraw at most this often, so drawing costs nothing measurable. */
    private static final long REDRAW_NANOS = 200_000_000L;
    /** Show nothing for runs shorter than this: a bar that flashes is noise. */
    private static final long QUIET_START_NANOS = 1_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private final long started = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void update(String file, int index, long offset, long size) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - started < QUIET_START_NANOS || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double seconds = (now - started) / 1e9;
        String rate = String.format("%.0f MB/s", offset / 1e6 / Math.max(seconds, 1e-3));
        StringBuilder line = new StringBuilder("\r");
        if (size > 0) {
            double f = Math.min(1.0, (double) offset / size);
            int fill = (int) Math.round(f * WIDTH);
            line.append('[').append("#".repeat(fill)).append(" ".repeat(WIDTH - fill)).append("] ")
                    .append(String.format("%3.0f%% ", f * 100));
        }
        line.append(ConsoleReport.bytes(offset)).append("  ").append(rate).append("  ").append(file);
        err.print(line);
        err.flush();
        drawn = true;
    }

    /** Clears the bar's line. */
    void done() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
