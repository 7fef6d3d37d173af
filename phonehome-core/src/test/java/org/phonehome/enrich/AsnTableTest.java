package org.phonehome.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phonehome.net.IpAddress;

/** AsnTableWriter and AsnTable on a small CSV: ranges, gaps, overlaps, quoting, both ends of the space. */
class AsnTableTest {

    @TempDir
    static Path tmp;

    /** IPv4 rows in numeric CSV form (as @ip-location-db/asn's -num files); one overlap, gaps between rows. */
    private static final String V4 = String.join("\n",
            "0,255,64496,Zero Net",                                 // 0.0.0.0 - 0.0.0.255
            "16777216,16777471,13335,\"Cloudflare, Inc.\"",          // 1.0.0.0/24, quoted comma
            "16778240,16779263,201907,\"LLC \"\"SPUTNIK\"\"\"",      // 1.0.4.0/22, quoted quotes
            "3596550144,3596615679,749,DoD",                        // 214.95.0.0 - 214.95.255.255
            "3596615680,3607166975,749,DoD",                        // 214.96.0.0 - 215.0.255.255
            "3607101440,3607167999,721,DoD NIC",                    // 215.0.0.0 - 215.1.3.255: overlaps
            "3607101500,3607101600,999,Swallowed",                  // wholly inside earlier rows
            "4294967040,4294967295,4294967294,Top") + "\n";         // 255.255.255.0/24, largest ASN
    private static final String V6 = String.join("\n",
            "42540488161975842760550356425300246528,42540488241204005274814694018844196863,6939,Hurricane",
            "42541956101370907050197289607612071936,42541956180599069564461627201156022271,15169,Google LLC")
            + "\n"; // 2001::/32 and 2001:4860::/32

    /** The table as AsnTableWriter writes it (gzip). */
    private static byte[] written() throws IOException {
        Path v4 = Files.writeString(tmp.resolve("v4.csv"), V4);
        Path v6 = Files.writeString(tmp.resolve("v6.csv"), V6);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AsnTableWriter.write(AsnTableWriter.read(v4, BigInteger.valueOf(0xffffffffL)),
                AsnTableWriter.read(v6, BigInteger.ONE.shiftLeft(128)), out);
        return out.toByteArray();
    }

    private static AsnTable table() throws IOException {
        return AsnTable.read(new ByteArrayInputStream(written()), "test table");
    }

    /** The same table through the form the geography cache keeps. */
    private static byte[] loadedForm() throws IOException {
        return AsnTable.loadedForm(GzipResource.gunzip(new ByteArrayInputStream(written())), "test table");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(nullValues = "-", value = {
        "0.0.0.0, 64496, Zero Net", "0.0.0.255, 64496, Zero Net", "0.0.1.0, -, -",
        "1.0.0.0, 13335, 'Cloudflare, Inc.'", "1.0.0.255, 13335, 'Cloudflare, Inc.'", "1.0.1.0, -, -",
        "1.0.3.255, -, -", "1.0.4.0, 201907, LLC \"SPUTNIK\"", "1.0.7.255, 201907, LLC \"SPUTNIK\"",
        "214.95.0.0, 749, DoD", "215.0.0.1, 749, DoD", "215.0.255.255, 749, DoD", "215.1.0.0, 721, DoD NIC",
        "215.1.3.255, 721, DoD NIC", "215.1.4.0, -, -",
        "255.255.254.255, -, -", "255.255.255.0, 4294967294, Top", "255.255.255.255, 4294967294, Top",
        ":: , -, -", "2001::1, 6939, Hurricane", "2001:0:ffff:ffff:ffff:ffff:ffff:ffff, 6939, Hurricane",
        "2001:1::, -, -", "2001:4860:4860::8888, 15169, Google LLC", "2001:4861::, -, -",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, -, -"})
    void looksUp(String address, Long asn, String org) throws IOException {
        AsnTable loaded = AsnTable.load(java.nio.ByteBuffer.wrap(loadedForm()), "loaded table");
        Path file = Files.createTempFile("asn-table", ".bin");
        AsnTable mapped;
        try {
            Files.write(file, loadedForm());
            mapped = AsnTable.read(file, "mapped table");
        } finally {
            Files.delete(file); // the mapping outlives the name
        }
        for (AsnTable t : List.of(table(), loaded, mapped)) {
            AsnTable.Entry e = t.lookup(IpAddress.parse(address));
            if (asn == null) {
                assertThat(e).isNull();
            } else {
                assertThat(e).isEqualTo(new AsnTable.Entry(asn, org));
            }
        }
    }

    @Test
    void theLoadedFormIsReadWholeOrRefused() throws IOException {
        byte[] form = loadedForm();
        for (int cut = 0; cut < form.length; cut++) {
            int at = cut;
            assertThatThrownBy(() -> AsnTable.load(java.nio.ByteBuffer.wrap(form, 0, at), "cut"))
                    .as("cut at %d of %d", at, form.length).isInstanceOf(GeoDataException.class);
        }
        byte[] longer = Arrays.copyOf(form, form.length + 1);
        assertThatThrownBy(() -> AsnTable.load(java.nio.ByteBuffer.wrap(longer), "longer"))
                .isInstanceOf(GeoDataException.class).hasMessageContaining("after the end");
        byte[] written = GzipResource.gunzip(new ByteArrayInputStream(written()));
        assertThatThrownBy(() -> AsnTable.load(java.nio.ByteBuffer.wrap(written), "as written"))
                .isInstanceOf(GeoDataException.class).hasMessageContaining("not a loaded");
        assertThat(AsnTable.load(java.nio.ByteBuffer.wrap(form), "whole").ranges()).isEqualTo(table().ranges());
    }

    @Test
    void aBadRowIsNamedWithItsLine() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "1,2,3,ok\n5,4,3,backwards\n");
        assertThatThrownBy(() -> AsnTableWriter.read(bad, BigInteger.valueOf(0xffffffffL)))
                .isInstanceOf(IOException.class).hasMessageContaining("bad.csv:2");
    }

    @Test
    void rowsOutOfOrderAreRefused() {
        List<AsnTableWriter.Row> rows = List.of(
                new AsnTableWriter.Row(BigInteger.TEN, BigInteger.valueOf(20), 1, "a"),
                new AsnTableWriter.Row(BigInteger.ONE, BigInteger.valueOf(5), 2, "b"));
        assertThatThrownBy(() -> AsnTableWriter.write(rows, List.of(), new ByteArrayOutputStream()))
                .hasMessageContaining("out of order");
    }

    @Test
    void aCorruptTableIsAClearError() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AsnTableWriter.write(List.of(new AsnTableWriter.Row(BigInteger.ZERO, BigInteger.TEN, 1, "a")), List.of(),
                out);
        byte[] whole = out.toByteArray();
        assertThatThrownBy(() -> AsnTable.read(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 12)),
                "cut.bin.gz")).isInstanceOf(GeoDataException.class).hasMessageContaining("cut.bin.gz");
        assertThatThrownBy(() -> AsnTable.read(new ByteArrayInputStream("not gzip".getBytes()), "junk.bin.gz"))
                .isInstanceOf(GeoDataException.class).hasMessageContaining("junk.bin.gz");
    }

    @Test
    void everyCutOfTheTableIsATruncationNotACrash() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AsnTableWriter.write(List.of(new AsnTableWriter.Row(BigInteger.ZERO, BigInteger.TEN, 1, "an organisation"),
                new AsnTableWriter.Row(BigInteger.valueOf(20), BigInteger.valueOf(30), 2, "another")), List.of(), out);
        byte[] table = GzipResource.gunzip(new ByteArrayInputStream(out.toByteArray()));
        for (int cut = AsnTableWriter.MAGIC.length(); cut < table.length; cut++) {
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
                z.write(table, 0, cut);
            }
            int at = cut;
            assertThatThrownBy(() -> AsnTable.read(new ByteArrayInputStream(gz.toByteArray()), "cut.bin.gz"))
                    .as("cut at %d of %d", at, table.length)
                    .isInstanceOf(GeoDataException.class).hasMessageContaining("truncated");
        }
        AsnTable whole = AsnTable.read(new ByteArrayInputStream(out.toByteArray()), "whole.bin.gz");
        assertThat(whole.lookup(IpAddress.parse("0.0.0.5"))).isEqualTo(new AsnTable.Entry(1, "an organisation"));
        assertThat(whole.lookup(IpAddress.parse("0.0.0.25"))).isEqualTo(new AsnTable.Entry(2, "another"));
    }
}
