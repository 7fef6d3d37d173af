package org.phonehome.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonehome.net.IpAddress;

/**
 * The kept copies of the bundled geography: made once, found again, checked before use, made again when damaged,
 * one per data; and the geography read through them answers exactly as the one read from the jar.
 */
class GeoDataCacheTest {

    @TempDir
    Path dir;

    private static byte[] decompressed(String resource) throws IOException {
        try (InputStream in = OfflineGeoDatabase.class.getResourceAsStream(resource)) {
            return GzipResource.gunzip(in);
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void theFirstUseKeepsTheDecompressedBytesAndLaterUsesFindThem() throws IOException {
        GeoDataCache cache = new GeoDataCache(dir);
        Path first = cache.file(OfflineGeoDatabase.COUNTRY_RESOURCE, OfflineGeoDatabase.COUNTRY_KEPT,
                UnaryOperator.identity());
        assertThat(first).isNotNull();
        assertThat(first.getFileName().toString()).matches("geo-whois-asn-country-[0-9a-f]{8}-[0-9]+-[0-9a-f]{8}"
                + "\\.mmdb");
        assertThat(Files.readAllBytes(first)).isEqualTo(decompressed(OfflineGeoDatabase.COUNTRY_RESOURCE));
        long written = Files.getLastModifiedTime(first).toMillis();

        Path again = new GeoDataCache(dir).file(OfflineGeoDatabase.COUNTRY_RESOURCE, OfflineGeoDatabase.COUNTRY_KEPT,
                b -> {
                    throw new AssertionError("made again although kept");
                });
        assertThat(again).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(again).toMillis()).isEqualTo(written);
        assertThat(files(dir)).containsExactly(first);
    }

    @Test
    void aDamagedCopyIsNotUsedButMadeAgain() throws IOException {
        GeoDataCache cache = new GeoDataCache(dir);
        Path kept = cache.file(OfflineGeoDatabase.COUNTRY_RESOURCE, OfflineGeoDatabase.COUNTRY_KEPT,
                UnaryOperator.identity());
        byte[] good = Files.readAllBytes(kept);
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 0x10;
        Files.write(kept, bad);

        Path again = cache.file(OfflineGeoDatabase.COUNTRY_RESOURCE, OfflineGeoDatabase.COUNTRY_KEPT,
                UnaryOperator.identity());
        assertThat(again).isEqualTo(kept);
        assertThat(Files.readAllBytes(again)).isEqualTo(good);

        Files.write(kept, java.util.Arrays.copyOf(good, good.length - 1)); // cut short
        assertThat(Files.readAllBytes(cache.file(OfflineGeoDatabase.COUNTRY_RESOURCE,
                OfflineGeoDatabase.COUNTRY_KEPT, UnaryOperator.identity()))).isEqualTo(good);
        assertThat(files(dir)).containsExactly(kept);
    }

    @Test
    void copiesFromOtherDataAreRemovedAndOtherFilesLeftAlone() throws IOException {
        Path older = Files.write(dir.resolve("geo-whois-asn-country-0badc0de-12-00000000.mmdb"), new byte[12]);
        Path someoneElses = Files.write(dir.resolve("geo-whois-asn-country-notes.mmdb"), new byte[3]);
        Path kept = new GeoDataCache(dir).file(OfflineGeoDatabase.COUNTRY_RESOURCE,
                OfflineGeoDatabase.COUNTRY_KEPT, UnaryOperator.identity());
        assertThat(files(dir)).containsExactlyInAnyOrder(kept, someoneElses);
        assertThat(older).doesNotExist();
    }

    @Test
    void aFolderThatCannotHoldTheCopyGivesNone() {
        GeoDataCache cache = new GeoDataCache(dir.resolve("missing"));
        assertThat(cache.file(OfflineGeoDatabase.COUNTRY_RESOURCE, OfflineGeoDatabase.COUNTRY_KEPT,
                UnaryOperator.identity())).isNull();
        assertThat(cache.file("no-such-resource.gz", "x.bin", UnaryOperator.identity())).isNull();
    }

    @Test
    void theGeographyReadThroughTheCopiesAnswersAsTheJarsOwn() throws IOException {
        OfflineGeoDatabase.Bundled plain = OfflineGeoDatabase.Bundled.load(null);
        OfflineGeoDatabase.Bundled made = OfflineGeoDatabase.Bundled.load(new GeoDataCache(dir));
        assertThat(files(dir)).hasSize(2);
        OfflineGeoDatabase.Bundled found = OfflineGeoDatabase.Bundled.load(new GeoDataCache(dir));

        List<IpAddress> addresses = new ArrayList<>(GeoKnownAddressesTest.knownAddresses());
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            addresses.add(IpAddress.ipv4(r.nextInt()));
        }
        byte[] v6 = new byte[16];
        for (int i = 0; i < 5_000; i++) {
            r.nextBytes(v6);
            v6[0] = (byte) (0x20 | (v6[0] & 0x0f)); // 2000::/4, where the allocations are
            addresses.add(IpAddress.ipv6(v6, 0));
        }
        OfflineGeoDatabase expected = database(plain);
        int answered = 0;
        for (OfflineGeoDatabase db : List.of(database(made), database(found))) {
            for (IpAddress ip : addresses) {
                GeoDatabase.Lookup want = expected.resolve(ip);
                assertThat(db.resolve(ip)).as("%s", ip).isEqualTo(want);
                answered += want.asn() != null && want.country() != null ? 1 : 0;
            }
            assertThat(db.sources()).isEqualTo(expected.sources());
        }
        assertThat(answered).as("addresses with a country and an ASN").isGreaterThan(10_000);
    }

    @Test
    void aKeptFileOfAnotherFormIsRemovedAndTheJarReadInstead() throws IOException {
        // a file under the kept name whose checksum is right but whose contents are not a loaded ASN table
        Path wrong = new GeoDataCache(dir).file(OfflineGeoDatabase.ASN_RESOURCE, OfflineGeoDatabase.ASN_KEPT,
                UnaryOperator.identity());
        OfflineGeoDatabase.Bundled b = OfflineGeoDatabase.Bundled.load(new GeoDataCache(dir));
        assertThat(wrong).doesNotExist();
        assertThat(b.asn.lookup(IpAddress.parse("8.8.8.8"))).isNotNull();
    }

    private static OfflineGeoDatabase database(OfflineGeoDatabase.Bundled b) {
        return new OfflineGeoDatabase(b.country::country, b.asn::lookup, b.sources);
    }
}
