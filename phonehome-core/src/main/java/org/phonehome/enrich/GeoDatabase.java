package org.phonehome.enrich;

import java.nio.file.Path;
import java.util.List;
import org.phonehome.net.IpAddress;

/**
 * IP address to country, ASN and organisation, offline. Special-purpose ranges (private, loopback, CGNAT,
 * documentation, ...) are named by {@link SpecialRanges} without asking any database. IPv4-mapped and NAT64
 * ({@code 64:ff9b::/96}) IPv6 addresses are answered for the IPv4 address inside them.
 *
 * <p>{@link #bundled()} uses the data shipped in the jar (see {@code docs/DATA.md}); {@link #open(Path, Path)}
 * uses the user's own MaxMind files. Implementations are thread-safe.
 */
public interface GeoDatabase {

    /**
     * What is known about one address.
     *
     * @param country ISO 3166-1 alpha-2 code, upper case; null when unknown or for a special range
     * @param asn     autonomous system number; null when unknown or for a special range
     * @param org     the organisation holding the ASN; null when unknown
     * @param network the special range's name ({@code private}, {@code loopback}, {@code link_local},
     *                {@code cgnat}, {@code documentation}, {@code multicast}, {@code unique_local}, ... see
     *                {@link SpecialRanges}); null for an ordinary address
     */
    record Lookup(String country, Long asn, String org, String network) {

        /** Nothing known about an ordinary address. */
        public static final Lookup UNKNOWN = new Lookup(null, null, null, null);

        /** The answer for a special range. */
        public static Lookup special(String network) {
            return new Lookup(null, null, null, network);
        }
    }

    /** Country, ASN and organisation of {@code ip}; never null. */
    Lookup lookup(IpAddress ip);

    /** Where the answers come from, one line each, for reports and {@code --version}: file and database type. */
    List<String> sources();

    /** The data bundled with phonehome (loaded once per JVM, on first use; each call gets its own cache). */
    static GeoDatabase bundled() {
        return OfflineGeoDatabase.bundled();
    }

    /**
     * Starts reading the bundled data on a background daemon thread and returns at once, so that a process which
     * will audit can read it while it starts up, on a core that is idle then. A failure is not reported here: the
     * first real use reads again and reports it.
     *
     * @param cacheDir a folder that keeps decompressed copies of the bundled files from one process to the next,
     *                 so that later starts map them instead of inflating them (the launcher's: the jar's own
     *                 folder); null to read them from the jar
     */
    static void preloadBundled(Path cacheDir) {
        OfflineGeoDatabase.Bundled.preload(cacheDir);
    }

    /**
     * The user's own MaxMind files: a GeoLite2/GeoIP2 Country or City {@code .mmdb} and an ASN {@code .mmdb}.
     * Either may be null, and the bundled data answers that part.
     *
     * @throws GeoDataException naming the file when one is missing, corrupt or of the wrong kind
     */
    static GeoDatabase open(Path countryMmdb, Path asnMmdb) {
        return OfflineGeoDatabase.open(countryMmdb, asnMmdb);
    }
}
