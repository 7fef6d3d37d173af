package org.phonehome.enrich;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.phonehome.net.IpAddress;

/**
 * One MaxMind DB ({@code .mmdb}) file read with MaxMind's reader: the bundled ip-location-db country file
 * ({@code country_code}), a MaxMind GeoLite2/GeoIP2 Country or City file ({@code country.iso_code}, else
 * {@code registered_country.iso_code}) or an ASN file ({@code autonomous_system_number},
 * {@code autonomous_system_organization}). Every failure is a {@link GeoDataException} naming the file.
 * Thread-safe (the reader is; decoded records are cached by offset and never changed).
 */
final class MmdbFile {

    /** What a file is asked for; used to refuse a file of the wrong kind with a clear message. */
    enum Role {
        COUNTRY, ASN
    }

    private final Reader reader;
    private final String name;

    private MmdbFile(Reader reader, String name) {
        this.reader = reader;
        this.name = name;
    }

    /** Opens a file the user named. */
    static MmdbFile open(Path file, Role role) {
        return open(file, file.toString(), role);
    }

    /**
     * Opens a file, mapped (the reader's default mode: only the pages looked up become resident); {@code name} is
     * what errors call it (the bundled database's copy is not a file the user named).
     */
    static MmdbFile open(Path file, String name, Role role) {
        if (!Files.isRegularFile(file)) {
            throw new GeoDataException("Cannot open the MaxMind database " + name + ": no such file.");
        }
        try {
            return checked(new Reader(file.toFile(), new CHMCache()), name, role);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new GeoDataException("Cannot open the MaxMind database " + name + ": no such file.", e);
        } catch (IOException | RuntimeException e) {
            throw corrupt(name, e);
        }
    }

    /** Reads a database from a stream (the bundled resource), all into memory. */
    static MmdbFile read(InputStream in, String name, Role role) {
        try {
            return checked(new Reader(in, new CHMCache()), name, role);
        } catch (IOException | RuntimeException e) {
            throw corrupt(name, e);
        }
    }

    private static GeoDataException corrupt(String name, Exception e) {
        if (e instanceof GeoDataException g) {
            return g;
        }
        return new GeoDataException("Cannot read the MaxMind database " + name
                + ": it is corrupt or not an .mmdb file (" + e.getMessage() + ").", e);
    }

    private static MmdbFile checked(Reader reader, String name, Role role) {
        String type = String.valueOf(reader.getMetadata().databaseType());
        String t = type.toLowerCase(Locale.ROOT);
        boolean asnType = t.contains("asn") || t.contains("isp");
        boolean geoType = t.contains("country") || t.contains("city");
        if (role == Role.COUNTRY && asnType && !geoType) {
            throw new GeoDataException("The MaxMind database " + name + " is an ASN database (" + type
                    + "), not a country or city database.");
        }
        if (role == Role.ASN && geoType && !asnType) {
            throw new GeoDataException("The MaxMind database " + name + " is a country or city database (" + type
                    + "), not an ASN database.");
        }
        return new MmdbFile(reader, name);
    }

    /** The ISO 3166-1 alpha-2 code for {@code ip} (upper case), or null when the file has none. */
    String country(IpAddress ip) {
        Map<?, ?> record = record(ip);
        if (record == null) {
            return null;
        }
        Object code = record.get("country_code");
        if (code == null) {
            code = isoCode(record.get("country"));
        }
        if (code == null) {
            code = isoCode(record.get("registered_country"));
        }
        return code instanceof String s && !s.isEmpty() ? s.toUpperCase(Locale.ROOT) : null;
    }

    /** The ASN and organisation for {@code ip}, or null when the file has no ASN there. */
    AsnTable.Entry asn(IpAddress ip) {
        Map<?, ?> record = record(ip);
        if (record == null || !(record.get("autonomous_system_number") instanceof Number asn)) {
            return null;
        }
        Object org = record.get("autonomous_system_organization");
        return new AsnTable.Entry(asn.longValue(), org instanceof String s ? s : null);
    }

    private static Object isoCode(Object sub) {
        return sub instanceof Map<?, ?> m ? m.get("iso_code") : null;
    }

    private Map<?, ?> record(IpAddress ip) {
        if (ip.version() == 6 && reader.getMetadata().ipVersion() == 4) {
            return null; // an IPv4-only database knows nothing of IPv6 (the reader would throw)
        }
        try {
            return reader.get(inet(ip), Map.class);
        } catch (IOException | RuntimeException e) {
            throw new GeoDataException("Cannot read the MaxMind database " + name + " at " + ip
                    + ": it is corrupt (" + e.getMessage() + ").", e);
        }
    }

    private static InetAddress inet(IpAddress ip) {
        try {
            return InetAddress.getByAddress(ip.toBytes());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /** The file's name as errors and notes show it. */
    String name() {
        return name;
    }

    /** The database type its metadata declares (e.g. {@code GeoLite2-Country}). */
    String databaseType() {
        return reader.getMetadata().databaseType();
    }
}
