package org.phonehome.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.phonehome.Counters;
import org.phonehome.detect.IdentifierVariant;
import org.phonehome.detect.scan.ByteMatcher;
import org.phonehome.detect.scan.ContainerScanner;
import org.phonehome.detect.scan.Hit;
import org.phonehome.detect.scan.ScanAnomalies;
import org.phonehome.detect.scan.ScanLimits;

/**
 * The container scanner (URL, base64, hex, JSON escapes, gzip/deflate/br/zstd, nested) with the default limits and
 * a matcher of a few variants of one IMEI and one e-mail address, on any value, as a body and as a form value. Its
 * safety net ({@code scan_internal_error}) must never be used; every hit points inside its context.
 */
class ContainerScannerFuzzTest {
    static final String IMEI = "864048021234563";
    static final String EMAIL = "tester@example.com";
    private static final ByteMatcher MATCHER = ByteMatcher.compile(List.of(
            variant("imei", "plain", IMEI, true),
            variant("imei", "base64", Base64.getEncoder().encodeToString(ascii(IMEI)), true),
            variant("imei", "hex", "383634303438303231323334353633", true),
            variant("email", "plain", EMAIL, false),
            variant("email", "urlencoded", "tester%40example.com", false)));
    private static final ContainerScanner SCANNER = new ContainerScanner(MATCHER, ScanLimits.DEFAULT);
    /** Remembers parts that held nothing across inputs: each input is scanned twice, as a part and again. */
    private static final ContainerScanner REMEMBERING = new ContainerScanner(MATCHER, ScanLimits.DEFAULT, 64);

    @FuzzTest
    void scansAnyValue(byte[] data) {
        for (boolean form : new boolean[] {false, true}) {
            Counters anomalies = new Counters();
            List<Hit> hits = SCANNER.scan(data, List.of(form ? "form" : "body"), form, anomalies);
            assertThat(anomalies.get(ScanAnomalies.INTERNAL_ERROR)).as("scanner safety net used").isZero();
            for (Hit h : hits) {
                assertThat(h.variant()).isNotNull();
                assertThat(h.context()).isNotNull();
                assertThat(h.contextOffset()).isBetween(0, h.context().length);
                assertThat(h.rawOffset()).isBetween(0, data.length);
                assertThat((long) h.rawOffset() + h.rawLength()).isLessThanOrEqualTo(data.length);
            }
            // A part seen again is answered from memory only when a full scan finds nothing and counts nothing.
            Counters want = new Counters();
            List<Hit> full = SCANNER.scan(data, List.of(), form, want);
            for (int again = 0; again < 2; again++) {
                Counters got = new Counters();
                List<Hit> remembered = REMEMBERING.scan(data, List.of(), form, got);
                assertThat(remembered.size()).isEqualTo(full.size());
                for (int i = 0; i < full.size(); i++) {
                    assertThat(remembered.get(i).rawOffset()).isEqualTo(full.get(i).rawOffset());
                    assertThat(remembered.get(i).layers()).isEqualTo(full.get(i).layers());
                }
                assertThat(got.snapshot()).isEqualTo(want.snapshot());
            }
        }
    }

    private static IdentifierVariant variant(String identifier, String encoding, String text, boolean boundary) {
        return new IdentifierVariant(identifier, "device_id", identifier + "[0]", "as-given", encoding, ascii(text),
                boundary);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
