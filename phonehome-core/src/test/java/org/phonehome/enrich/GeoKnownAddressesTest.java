package org.phonehome.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonehome.net.IpAddress;

/**
 * The bundled data answers a table of known addresses (known-addresses.txt: public resolvers, large clouds,
 * Chinese carriers, Xiaomi, IPv6) exactly as the data's own reference readers do: {@code mmdblookup} (Debian
 * {@code mmdb-bin}; the country test is skipped without it) on the bundled {@code .mmdb}, and a first-match
 * linear scan of the ASN CSV rows (asn-extract.csv, made by scripts/update-geo-data).
 */
class GeoKnownAddressesTest {

    private static final GeoDatabase DB = GeoDatabase.bundled();

    @TempDir
    Path tmp;

    static List<IpAddress> knownAddresses() throws IOException {
        List<IpAddress> out = new ArrayList<>();
        for (String line : resourceLines("known-addresses.txt")) {
            String text = line.split("#", 2)[0].strip();
            if (!text.isEmpty()) {
                out.add(IpAddress.parse(text));
            }
        }
        return out;
    }

    @Test
    void countryAgreesWithMmdblookupOnTheBundledFile() throws Exception {
        Assumptions.assumeTrue(onPath("mmdblookup"), "mmdblookup not installed (apt-get install mmdb-bin)");
        Path mmdb = tmp.resolve("geo-whois-asn-country.mmdb");
        try (InputStream in = new GZIPInputStream(resource(OfflineGeoDatabase.COUNTRY_RESOURCE))) {
            Files.copy(in, mmdb);
        }
        int withCountry = 0;
        for (IpAddress ip : knownAddresses()) {
            String expected = mmdblookup(mmdb, ip);
            assertThat(DB.lookup(ip).country()).as("country of %s", ip).isEqualTo(expected);
            withCountry += expected == null ? 0 : 1;
        }
        assertThat(withCountry).as("addresses with a country").isGreaterThan(30);
    }

    @Test
    void asnAndOrganisationAgreeWithALinearScanOfTheCsv() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : resourceLines("asn-extract.csv")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(csv(line));
            }
        }
        int withAsn = 0;
        for (IpAddress ip : knownAddresses()) {
            String[] row = rows.stream().filter(r -> contains(r, ip)).findFirst().orElse(null);
            GeoDatabase.Lookup got = DB.lookup(ip);
            if (row == null) {
                assertThat(got.asn()).as("ASN of %s (no CSV row)", ip).isNull();
                assertThat(got.org()).as("org of %s (no CSV row)", ip).isNull();
            } else {
                assertThat(got.asn()).as("ASN of %s", ip).isEqualTo(Long.parseLong(row[2]));
                assertThat(got.org()).as("org of %s", ip).isEqualTo(row[3]);
                withAsn++;
            }
        }
        assertThat(withAsn).as("addresses with an ASN").isGreaterThan(30);
    }

    @Test
    void spotChecksAWellKnownAnswerOrTwo() {
        GeoDatabase.Lookup google = DB.lookup(IpAddress.parse("8.8.8.8"));
        assertThat(google.asn()).isEqualTo(15169L);
        assertThat(google.country()).isEqualTo("US");
        assertThat(google.network()).isNull();
        assertThat(DB.lookup(IpAddress.parse("111.13.0.1")).country()).isEqualTo("CN");
        assertThat(DB.lookup(IpAddress.parse("2408:8000::1")).country()).isEqualTo("CN");
        // the same answers for the IPv4-mapped and NAT64 forms
        assertThat(DB.lookup(IpAddress.parse("::ffff:8.8.8.8"))).isEqualTo(google);
        assertThat(DB.lookup(IpAddress.parse("64:ff9b::8.8.8.8"))).isEqualTo(google);
    }

    @Test
    void theBundledMmdbIsTheOneItsVersionFileNames() throws Exception {
        Properties p = new Properties();
        try (InputStream in = resource(OfflineGeoDatabase.VERSIONS_RESOURCE)) {
            p.load(in);
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new GZIPInputStream(resource(OfflineGeoDatabase.COUNTRY_RESOURCE))) {
            sha.update(in.readAllBytes());
        }
        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(p.getProperty("country.sha256"));
        assertThat(DB.sources()).hasSize(2);
        assertThat(DB.sources().get(0)).contains(p.getProperty("country.version"));
    }

    /** start,end,asn,organisation with the organisation quoted when it has a comma or quote. */
    private static String[] csv(String line) {
        String[] f = line.split(",", 4);
        String org = f[3];
        if (org.startsWith("\"")) {
            org = org.substring(1, org.length() - 1).replace("\"\"", "\"");
        }
        return new String[] {f[0], f[1], f[2], org};
    }

    private static boolean contains(String[] row, IpAddress ip) {
        IpAddress lo = IpAddress.parse(row[0]);
        IpAddress hi = IpAddress.parse(row[1]);
        return lo.version() == ip.version() && lo.compareTo(ip) <= 0 && ip.compareTo(hi) <= 0;
    }

    private static final Pattern COUNTRY = Pattern.compile("\"([A-Za-z]{2})\" <utf8_string>");

    private static String mmdblookup(Path mmdb, IpAddress ip) throws Exception {
        Process p = new ProcessBuilder("mmdblookup", "-f", mmdb.toString(), "-i", ip.toString(), "country_code")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Matcher m = COUNTRY.matcher(out);
        if (m.find()) {
            return m.group(1);
        }
        assertThat(out).as("mmdblookup for %s", ip).contains("Could not find an entry");
        return null;
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static InputStream resource(String name) {
        InputStream in = OfflineGeoDatabase.class.getResourceAsStream(name);
        assertThat(in).as("resource %s", name).isNotNull();
        return in;
    }

    static List<String> resourceLines(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
