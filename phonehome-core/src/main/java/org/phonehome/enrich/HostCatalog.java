package org.phonehome.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Host name to organisation, service and purpose, from a curated list of host patterns (bundled as
 * {@code hosts.tsv} beside this class; its header states the sources and the licence) and the user's own file
 * in the same format, whose entries take precedence: when any user pattern matches, the best user match is the
 * answer, whatever the bundled list says.
 *
 * <p>File format: UTF-8, one entry a line, tab-separated {@code pattern, organisation, service, purpose, source};
 * {@code #} starts a comment line; blank lines are skipped. {@code source} may be left empty in a user file.
 * Patterns: {@code api.account.xiaomi.com} (that host only), {@code *.xiaomi.com} (any subdomain, any depth,
 * not {@code xiaomi.com} itself), {@code tracking.*.miui.com} ({@code *} is one or more whole labels),
 * {@code firebaselogging*.googleapis.com} ({@code *} inside a label: any characters within that label). Most
 * specific match wins: an exact host, then the pattern with more literal labels, then more literal characters,
 * then more labels; a tie goes to the entry earlier in the file.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class HostCatalog {

    /** The bundled list's resource name, beside this class. */
    public static final String BUNDLED = "hosts.tsv";

    /** Purposes an entry may name; anything else is a typo in the file, reported with its line. */
    public static final Set<String> PURPOSES = Set.of("account", "ads", "analytics", "api", "app_store", "cdn",
            "cloud", "connectivity", "content", "crash_reporting", "dns", "location", "maps", "messaging", "ota",
            "payment", "push", "social", "telemetry", "time", "other");

    /** A generous bound: the bundled list has a few hundred entries; a million lines is not a catalog. */
    static final int MAX_ENTRIES = 1_000_000;

    /**
     * One catalog entry.
     *
     * @param pattern      the host pattern as written (lower case)
     * @param organisation who runs the host (e.g. {@code Xiaomi})
     * @param service      what the host is for, in words (e.g. {@code Xiaomi account API})
     * @param purpose      one of {@link #PURPOSES}
     * @param source       where the entry comes from (the file's own source key, or the file:line for a user
     *                     entry that gives none)
     * @param origin       the file and line it was read from
     */
    public record Entry(String pattern, String organisation, String service, String purpose, String source,
            String origin) {
    }

    private record Compiled(HostPattern pattern, Entry entry) {
    }

    /** Highest precedence first; each layer's patterns indexed by their literal tail. */
    private final List<Map<String, List<Compiled>>> layers;
    private final int size;

    private HostCatalog(List<Map<String, List<Compiled>>> layers, int size) {
        this.layers = List.copyOf(layers);
        this.size = size;
    }

    /** The bundled list. */
    public static HostCatalog bundled() {
        return BundledHolder.CATALOG;
    }

    /** The bundled list with the user's file over it. */
    public static HostCatalog bundledWith(Path userFile) throws HostCatalogException {
        return read(userFile).over(bundled());
    }

    /** A catalog of one file. */
    public static HostCatalog read(Path file) throws HostCatalogException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        } catch (NoSuchFileException e) {
            throw new HostCatalogException(file.toString(), 0, "no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new HostCatalogException(file.toString(), 0, "not UTF-8 text");
        } catch (IOException e) {
            throw new HostCatalogException(file.toString(), 0, "cannot be read (" + e.getMessage() + ")");
        }
    }

    /** A catalog read from {@code in}; {@code fileName} is what errors and {@link Entry#origin()} call it. */
    public static HostCatalog parse(Reader in, String fileName) throws HostCatalogException {
        Map<String, List<Compiled>> index = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        int n = 0;
        int count = 0;
        try {
            String line;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                if (++count > MAX_ENTRIES) {
                    throw new HostCatalogException(fileName, n, "more than " + MAX_ENTRIES + " entries");
                }
                Compiled c = entry(line, fileName, n);
                Integer earlier = seen.putIfAbsent(c.pattern.toString(), n);
                if (earlier != null) {
                    throw new HostCatalogException(fileName, n,
                            "pattern " + c.pattern + " is already listed on line " + earlier);
                }
                index.computeIfAbsent(c.pattern.literalTail(), k -> new ArrayList<>()).add(c);
            }
        } catch (IOException e) {
            throw new HostCatalogException(fileName, n, "cannot be read (" + e.getMessage() + ")");
        }
        return new HostCatalog(List.of(index), count);
    }

    private static Compiled entry(String line, String fileName, int n) throws HostCatalogException {
        String[] f = line.split("\t", -1);
        if (f.length < 4 || f.length > 5) {
            throw new HostCatalogException(fileName, n, "expected 5 tab-separated columns "
                    + "(pattern, organisation, service, purpose, source), found " + f.length);
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].strip();
        }
        HostPattern p = HostPattern.parse(f[0]);
        if (p == null) {
            throw new HostCatalogException(fileName, n, "'" + f[0] + "' is not a host pattern "
                    + "(letters, digits, '-', '_', '.', and '*' for a label or part of one)");
        }
        if (f[1].isEmpty() || f[2].isEmpty()) {
            throw new HostCatalogException(fileName, n, "organisation and service must not be empty");
        }
        String purpose = f[3].toLowerCase(Locale.ROOT);
        if (!PURPOSES.contains(purpose)) {
            throw new HostCatalogException(fileName, n, "unknown purpose '" + f[3] + "' (one of "
                    + String.join(", ", PURPOSES.stream().sorted().toList()) + ")");
        }
        String origin = fileName + ":" + n;
        String source = f.length == 5 && !f[4].isEmpty() ? f[4] : origin;
        return new Compiled(p, new Entry(p.toString(), f[1], f[2], purpose, source, origin));
    }

    /** This catalog in front of {@code lower}: a match here wins over any match there. */
    public HostCatalog over(HostCatalog lower) {
        List<Map<String, List<Compiled>>> all = new ArrayList<>(layers);
        all.addAll(lower.layers);
        return new HostCatalog(all, size + lower.size);
    }

    /** The best entry for {@code host} (a DNS name; case, a trailing dot and a ":port" are ignored), or null. */
    public Entry match(String host) {
        String[] labels = normalise(host);
        if (labels == null) {
            return null;
        }
        for (Map<String, List<Compiled>> layer : layers) {
            Compiled best = best(layer, labels);
            if (best != null) {
                return best.entry;
            }
        }
        return null;
    }

    private static Compiled best(Map<String, List<Compiled>> index, String[] labels) {
        Compiled best = null;
        StringBuilder suffix = new StringBuilder();
        // Every suffix of the host, "" (patterns with no literal tail) first, then "com", "xiaomi.com", ...
        for (int i = labels.length; i >= 0; i--) {
            if (i < labels.length) {
                suffix.insert(0, i == labels.length - 1 ? labels[i] : labels[i] + ".");
            }
            List<Compiled> candidates = index.get(suffix.toString());
            if (candidates == null) {
                continue;
            }
            for (Compiled c : candidates) {
                if ((best == null || c.pattern.compareSpecificity(best.pattern) > 0) && c.pattern.matches(labels)) {
                    best = c;
                }
            }
        }
        return best;
    }

    private static String[] normalise(String host) {
        if (host == null) {
            return null;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        int colon = h.indexOf(':');
        if (colon >= 0) {
            if (h.indexOf(':', colon + 1) >= 0) {
                return null; // an IPv6 literal
            }
            h = h.substring(0, colon);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty() || h.length() > HostPattern.MAX_LENGTH) {
            return null;
        }
        String[] labels = h.split("\\.", -1);
        for (String l : labels) {
            if (l.isEmpty()) {
                return null;
            }
        }
        return labels;
    }

    /** Number of entries over all layers. */
    public int size() {
        return size;
    }

    private static final class BundledHolder {
        static final HostCatalog CATALOG = load();

        private static HostCatalog load() {
            InputStream in = HostCatalog.class.getResourceAsStream(BUNDLED);
            if (in == null) {
                throw new IllegalStateException("the bundled " + BUNDLED + " is missing from the phonehome jar");
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return parse(r, "bundled " + BUNDLED);
            } catch (HostCatalogException | IOException e) {
                throw new IllegalStateException("the bundled " + BUNDLED + " is broken: " + e.getMessage(), e);
            }
        }
    }
}
