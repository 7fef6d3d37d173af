package org.phonehome.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonehome.net.IpAddress;

/**
 * The user's own MaxMind files: MaxMind-shaped records are read, and a missing, corrupt or wrong-kind file is
 * one clear error naming the file, never a silent empty answer. The files are made by {@link TestMmdbWriter}.
 */
class UserMmdbTest {

    @TempDir
    Path tmp;

    private Path country() throws Exception {
        return new TestMmdbWriter("GeoLite2-Country")
                .put("1.2.3.0/24", Map.of("country", Map.of("iso_code", "DE", "names", Map.of("en", "Germany")),
                        "registered_country", Map.of("iso_code", "DE")))
                .put("5.6.0.0/16", Map.of("registered_country", Map.of("iso_code", "FR")))
                .put("192.168.0.0/16", Map.of("country", Map.of("iso_code", "AU")))
                .writeTo(tmp.resolve("GeoLite2-Country.mmdb"));
    }

    private Path asn() throws Exception {
        return new TestMmdbWriter("GeoLite2-ASN")
                .put("1.2.3.0/24", Map.of("autonomous_system_number", 64500L,
                        "autonomous_system_organization", "Example Org"))
                .put("5.6.0.0/16", Map.of("autonomous_system_number", 4_200_000_000L))
                .writeTo(tmp.resolve("GeoLite2-ASN.mmdb"));
    }

    private static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    @Test
    void readsMaxMindCountryAndAsnRecords() throws Exception {
        GeoDatabase db = GeoDatabase.open(country(), asn());
        assertThat(db.lookup(ip("1.2.3.4"))).isEqualTo(new GeoDatabase.Lookup("DE", 64500L, "Example Org", null));
        // no country: the registered country stands in; an ASN without an organisation name
        assertThat(db.lookup(ip("5.6.7.8"))).isEqualTo(new GeoDatabase.Lookup("FR", 4_200_000_000L, null, null));
        assertThat(db.lookup(ip("9.9.9.9"))).isEqualTo(GeoDatabase.Lookup.UNKNOWN);
        // the file says AU for a private address; the special range wins
        assertThat(db.lookup(ip("192.168.1.1"))).isEqualTo(GeoDatabase.Lookup.special("private"));
        // IPv6 against IPv4-only files: nothing known, no error
        assertThat(db.lookup(ip("2001:4860:4860::8888"))).isEqualTo(GeoDatabase.Lookup.UNKNOWN);
        assertThat(db.sources()).anySatisfy(s -> assertThat(s).contains("GeoLite2-Country.mmdb"))
                .anySatisfy(s -> assertThat(s).contains("GeoLite2-ASN.mmdb"));
    }

    @Test
    void theTestFilesReadTheSameWithMmdblookup() throws Exception {
        Assumptions.assumeTrue(GeoKnownAddressesTest.onPath("mmdblookup"), "mmdblookup not installed");
        assertThat(mmdblookup(country(), "1.2.3.4", "country", "iso_code")).contains("\"DE\"");
        assertThat(mmdblookup(asn(), "1.2.3.4", "autonomous_system_number")).contains("64500");
    }

    @Test
    void aMissingPartIsAnsweredByTheBundledData() throws Exception {
        GeoDatabase db = GeoDatabase.open(country(), null);
        GeoDatabase.Lookup google = db.lookup(ip("8.8.8.8"));
        assertThat(google.country()).isNull(); // not in the user's country file
        assertThat(google.asn()).isEqualTo(15169L); // bundled ASN table
        assertThat(GeoDatabase.open(null, asn()).lookup(ip("8.8.8.8")).country()).isEqualTo("US");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = tmp.resolve("nope.mmdb");
        assertThatThrownBy(() -> GeoDatabase.open(missing, null)).isInstanceOf(GeoDataException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("no such file");
    }

    @Test
    void garbageIsACorruptFileNamed() throws Exception {
        Path junk = Files.write(tmp.resolve("junk.mmdb"), "this is not a MaxMind DB\n".repeat(100)
                .getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> GeoDatabase.open(junk, null)).isInstanceOf(GeoDataException.class)
                .hasMessageContaining(junk.toString()).hasMessageContaining("corrupt or not an .mmdb file");
        Path empty = Files.write(tmp.resolve("empty.mmdb"), new byte[0]);
        assertThatThrownBy(() -> GeoDatabase.open(null, empty)).isInstanceOf(GeoDataException.class)
                .hasMessageContaining(empty.toString());
    }

    @Test
    void aTruncatedFileIsNamed() throws Exception {
        byte[] whole = Files.readAllBytes(country());
        Path cut = Files.write(tmp.resolve("cut.mmdb"), Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> GeoDatabase.open(cut, null)).isInstanceOf(GeoDataException.class)
                .hasMessageContaining(cut.toString());
    }

    @Test
    void aDamagedSearchTreeIsNamedAtLookup() throws Exception {
        byte[] b = Files.readAllBytes(country());
        b[0] = (byte) 0xff; // the root's left record now points far past the data section
        b[1] = (byte) 0xff;
        b[2] = (byte) 0xf0;
        Path damaged = Files.write(tmp.resolve("damaged.mmdb"), b);
        GeoDatabase db = GeoDatabase.open(damaged, null);
        assertThatThrownBy(() -> db.lookup(ip("1.2.3.4"))).isInstanceOf(GeoDataException.class)
                .hasMessageContaining(damaged.toString()).hasMessageContaining("corrupt");
    }

    @Test
    void aFileOfTheWrongKindIsRefused() throws Exception {
        Path countryFile = country();
        Path asnFile = asn();
        assertThatThrownBy(() -> GeoDatabase.open(asnFile, null)).isInstanceOf(GeoDataException.class)
                .hasMessageContaining(asnFile.toString()).hasMessageContaining("not a country or city database");
        assertThatThrownBy(() -> GeoDatabase.open(null, countryFile)).isInstanceOf(GeoDataException.class)
                .hasMessageContaining(countryFile.toString()).hasMessageContaining("not an ASN database");
    }

    @Test
    void theBundledCountryFileOpensAsAUserFileToo() throws Exception {
        Path mmdb = tmp.resolve("geo-whois-asn-country.mmdb");
        try (InputStream in = new GZIPInputStream(GeoKnownAddressesTest.resource(
                OfflineGeoDatabase.COUNTRY_RESOURCE))) {
            Files.copy(in, mmdb);
        }
        GeoDatabase db = GeoDatabase.open(mmdb, null);
        assertThat(db.lookup(ip("8.8.8.8")).country()).isEqualTo("US");
        assertThat(db.lookup(ip("2400:3200::1")).country()).isEqualTo("CN");
    }

    private static String mmdblookup(Path file, String ip, String... path) throws Exception {
        String[] cmd = new String[5 + path.length];
        cmd[0] = "mmdblookup";
        cmd[1] = "-f";
        cmd[2] = file.toString();
        cmd[3] = "-i";
        cmd[4] = ip;
        System.arraycopy(path, 0, cmd, 5, path.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
