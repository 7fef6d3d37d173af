package org.phonehome.enrich;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.phonehome.net.IpAddress;

/**
 * {@link GeoDatabase} over a country source and an ASN source, with a bounded per-address cache in front.
 *
 * <p>The cache is direct-mapped: {@link #CACHE_SLOTS} slots, each holding one immutable (address, answer) pair;
 * a new address overwrites its slot. Slots are published through a plain array of references to immutable
 * objects with final fields, so concurrent readers see either the old or the new pair, never a torn one, and
 * no lock is taken; a lost race only costs a repeated lookup.
 */
final class OfflineGeoDatabase implements GeoDatabase {

    /** A phone contacts a few thousand addresses a day; 16384 slots keep them with few collisions (~1 MB). */
    static final int CACHE_SLOTS = 1 << 14;

    static final String COUNTRY_RESOURCE = "geo-whois-asn-country.mmdb.gz";
    static final String ASN_RESOURCE = "asn.bin.gz";
    /** What {@link GeoDataCache} keeps of them: the country file decompressed, the ASN table as loaded. */
    static final String COUNTRY_KEPT = "geo-whois-asn-country.mmdb";
    static final String ASN_KEPT = "asn-table.bin";
    /** Package names, versions and checksums of the bundled data, written by scripts/update-geo-data. */
    static final String VERSIONS_RESOURCE = "geo-data.properties";

    private final Function<IpAddress, String> country;
    private final Function<IpAddress, AsnTable.Entry> asn;
    private final List<String> sources;
    private final Slot[] cache = new Slot[CACHE_SLOTS];

    private record Slot(long high, long low, int version, Lookup answer) {
    }

    OfflineGeoDatabase(Function<IpAddress, String> country, Function<IpAddress, AsnTable.Entry> asn,
            List<String> sources) {
        this.country = country;
        this.asn = asn;
        this.sources = List.copyOf(sources);
    }

    static OfflineGeoDatabase bundled() {
        Bundled b = Bundled.get();
        return new OfflineGeoDatabase(b.country::country, b.asn::lookup, b.sources);
    }

    static OfflineGeoDatabase open(Path countryMmdb, Path asnMmdb) {
        Function<IpAddress, String> country;
        Function<IpAddress, AsnTable.Entry> asn;
        String countrySource;
        String asnSource;
        if (countryMmdb != null) {
            MmdbFile f = MmdbFile.open(countryMmdb, MmdbFile.Role.COUNTRY);
            country = f::country;
            countrySource = "country: " + f.name() + " (" + f.databaseType() + ")";
        } else {
            country = Bundled.get().country::country;
            countrySource = Bundled.get().sources.get(0);
        }
        if (asnMmdb != null) {
            MmdbFile f = MmdbFile.open(asnMmdb, MmdbFile.Role.ASN);
            asn = f::asn;
            asnSource = "asn: " + f.name() + " (" + f.databaseType() + ")";
        } else {
            asn = Bundled.get().asn::lookup;
            asnSource = Bundled.get().sources.get(1);
        }
        return new OfflineGeoDatabase(country, asn, List.of(countrySource, asnSource));
    }

    @Override
    public Lookup lookup(IpAddress ip) {
        int i = slot(ip);
        Slot s = cache[i];
        if (s != null && s.low == ip.low() && s.high == ip.high() && s.version == ip.version()) {
            return s.answer;
        }
        Lookup answer = resolve(ip);
        cache[i] = new Slot(ip.high(), ip.low(), ip.version(), answer);
        return answer;
    }

    private static int slot(IpAddress ip) {
        long h = (ip.high() * 0x9E3779B97F4A7C15L) ^ (ip.low() * 0xC2B2AE3D27D4EB4FL);
        return (int) (h >>> (64 - 14));
    }

    /** The answer without the cache. */
    Lookup resolve(IpAddress ip) {
        String special = SpecialRanges.name(ip);
        if (special != null) {
            return Lookup.special(special);
        }
        IpAddress v4 = SpecialRanges.embeddedIpv4(ip);
        if (v4 != null) {
            return resolve(v4);
        }
        String c = country.apply(ip);
        AsnTable.Entry a = asn.apply(ip);
        if (c == null && a == null) {
            return Lookup.UNKNOWN;
        }
        return new Lookup(c, a == null ? null : a.asn(), a == null ? null : a.org(), null);
    }

    @Override
    public List<String> sources() {
        return sources;
    }

    /** The bundled data, read once per JVM on first use (about 11 MB in memory). */
    static final class Bundled {

        private static volatile Bundled instance;

        final MmdbFile country;
        final AsnTable asn;
        final List<String> sources;

        private Bundled(MmdbFile country, AsnTable asn) {
            this.country = country;
            this.asn = asn;
            java.util.Properties p = versions();
            this.sources = List.of("country: bundled " + p.getProperty("country.package", "?") + " "
                    + p.getProperty("country.version", "?") + " (" + country.databaseType() + "; "
                    + p.getProperty("country.licence", "see NOTICE") + ")", "asn: bundled "
                    + p.getProperty("asn.package", "?") + " " + p.getProperty("asn.version", "?") + " ("
                    + p.getProperty("asn.licence", "see NOTICE") + ")");
        }

        private static java.util.Properties versions() {
            java.util.Properties p = new java.util.Properties();
            try (InputStream in = OfflineGeoDatabase.class.getResourceAsStream(VERSIONS_RESOURCE)) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // the versions only name the sources; the data itself is checked when read
            }
            return p;
        }

        static Bundled get() {
            return get(null);
        }

        /** The data, read through {@code cache} (or without one when null) by the first call of the JVM. */
        static Bundled get(GeoDataCache cache) {
            Bundled b = instance;
            if (b == null) {
                synchronized (Bundled.class) {
                    b = instance;
                    if (b == null) {
                        b = load(cache);
                        instance = b;
                    }
                }
            }
            return b;
        }

        /**
         * Starts reading the data on a daemon thread, through a {@link GeoDataCache} in {@code cacheDir} unless that
         * is null; see {@link GeoDatabase#preloadBundled(Path)}.
         */
        static void preload(Path cacheDir) {
            if (instance != null) {
                return;
            }
            Thread t = new Thread(() -> {
                try {
                    Bundled b = get(cacheDir == null ? null : new GeoDataCache(cacheDir));
                    // A lookup of each kind: MaxMind's decoder links method handles at its first records, which the
                    // report's end, waiting for every lookup, then pays less for (2 to 3 ms of the bundled example).
                    b.country.country(IpAddress.parse("192.0.2.1"));
                    b.country.country(IpAddress.parse("2001:db8::1"));
                    b.asn.lookup(IpAddress.parse("192.0.2.1"));
                } catch (RuntimeException e) {
                    // reported by the first real use, which tries again
                }
            }, "phonehome-geo-preload");
            t.setDaemon(true);
            t.start();
        }

        /** Reads the data: through {@code cache} where it has (or can make) a good copy, else from the jar. */
        static Bundled load(GeoDataCache cache) {
            MmdbFile country = null;
            AsnTable asn = null;
            if (cache != null) {
                country = cached(cache.file(COUNTRY_RESOURCE, COUNTRY_KEPT, UnaryOperator.identity()),
                        f -> MmdbFile.open(f, "bundled " + COUNTRY_RESOURCE, MmdbFile.Role.COUNTRY));
                asn = cached(cache.file(ASN_RESOURCE, ASN_KEPT, b -> AsnTable.loadedForm(b, "bundled "
                        + ASN_RESOURCE)), f -> AsnTable.read(f, "bundled " + ASN_RESOURCE));
            }
            if (country == null) {
                try (InputStream in = resource(COUNTRY_RESOURCE)) {
                    country = MmdbFile.read(new ByteArrayInputStream(GzipResource.gunzip(in)),
                            "bundled " + COUNTRY_RESOURCE, MmdbFile.Role.COUNTRY);
                } catch (IOException e) {
                    throw new GeoDataException("Cannot read the bundled " + COUNTRY_RESOURCE + ": " + e.getMessage(),
                            e);
                }
            }
            if (asn == null) {
                try (InputStream in = resource(ASN_RESOURCE)) {
                    asn = AsnTable.read(in, "bundled " + ASN_RESOURCE);
                } catch (IOException e) {
                    throw new GeoDataException("Cannot read the bundled " + ASN_RESOURCE + ": " + e.getMessage(), e);
                }
            }
            return new Bundled(country, asn);
        }

        /**
         * {@code file} opened, or null when there is none or it does not read (made by a phonehome that kept
         * another form under the same name): it is removed, and the resource read instead.
         */
        private static <T> T cached(Path file, Function<Path, T> open) {
            if (file == null) {
                return null;
            }
            try {
                return open.apply(file);
            } catch (GeoDataException e) {
                try {
                    java.nio.file.Files.deleteIfExists(file);
                } catch (IOException | RuntimeException ignored) {
                    // the next start tries again
                }
                return null;
            }
        }

        private static InputStream resource(String name) {
            InputStream in = OfflineGeoDatabase.class.getResourceAsStream(name);
            if (in == null) {
                throw new GeoDataException("The bundled " + name + " is missing from the phonehome jar; "
                        + "run scripts/update-geo-data to rebuild it.");
            }
            return in;
        }
    }
}
