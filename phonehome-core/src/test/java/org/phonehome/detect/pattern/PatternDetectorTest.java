package org.phonehome.detect.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Table-driven positives and negatives per detector. Columns: part text | part name (empty = none) | phone region
 * (empty = none) | the value expected, or empty when nothing of that kind may be reported.
 */
class PatternDetectorTest {

    private static void check(String identifier, String text, String name, String region, String expected) {
        List<String> found = Scan.values(text, name, region, identifier);
        if (expected == null) {
            assertThat(found).as("%s in %s", identifier, text).isEmpty();
        } else {
            assertThat(found).as("%s in %s", identifier, text).containsExactly(expected);
        }
    }

    @ParameterizedTest(name = "imei in [{0}] name={1}: {3}")
    @CsvSource(delimiter = '|', value = {
        "imei=864048021234566&x=1                 |             |    | 864048021234566",
        "{\"deviceId\":\"352099001761481\"}       |             |    | 352099001761481",
        "864048021234566                          | device.imei |    | 864048021234566",
        "GET /report/490154203237518/status       |             |    | 490154203237518",
        "imei=352099001761481&imsi=460001234567890 |            |    | 352099001761481",
        // Luhn fails
        "imei=864048021234563                     |             |    | ",
        // 16 digits
        "imei=8640480212345661                    |             |    | ",
        // letters touch it
        "a864048021234566b                        |             |    | ",
        "id=864048021234566b                      |             |    | ",
        // inside a sha256 hex digest
        "sha=e3b0c442864048021234566fb92427ae41e4649b934ca495991b7852b855e3b0 | |  | ",
        // test IMEI range 00 (RBI not allocated), and all zeros
        "imei=001234567890128                     |             |    | ",
        "imei=000000000000000                     |             |    | ",
        // part of a decimal number
        "x=0.864048021234566                      |             |    | ",
        "x=864048021234566.5                      |             |    | ",
        // the key says IMSI (MCC 352 is Grenada): an IMSI, not an IMEI
        "imsi=352099001761481                     |             |    | ",
    })
    void imei(String text, String name, String region, String expected) {
        check("imei", text, name, region, expected);
    }

    @ParameterizedTest(name = "imsi in [{0}] name={1}: {3}")
    @CsvSource(delimiter = '|', value = {
        "imsi=460001234567890                     |             |    | 460001234567890",
        "{\"subscriberId\":\"460001234567890\"}   |             |    | 460001234567890",
        "460001234567890                          | sim.imsi    |    | 460001234567890",
        "460001234567890                          | X-IMSI      |    | 460001234567890",
        "imsi=352099001761481                     |             |    | 352099001761481",
        // no key: a 15-digit number with a known MCC is not enough
        "460001234567890                          |             |    | ",
        "id=460001234567890                       |             |    | ",
        // the key belongs to the previous field
        "imsi=1&id=460001234567890                |             |    | ",
        // MCC 123 is not assigned
        "imsi=123001234567890                     |             |    | ",
        // 16 and 14 digits
        "imsi=4600012345678901                    |             |    | ",
        "imsi=46000123456789                      |             |    | ",
        "imsi=460001234567890abc                  |             |    | ",
    })
    void imsi(String text, String name, String region, String expected) {
        check("imsi", text, name, region, expected);
    }

    @ParameterizedTest(name = "iccid in [{0}]: {3}")
    @CsvSource(delimiter = '|', value = {
        "iccid=89860012345678901238               |             |    | 89860012345678901238",
        "sim=8986001234567890120                  |             |    | 8986001234567890120",
        "{\"x\":89014103211118510720}             |             |    | 89014103211118510720",
        // Luhn fails
        "iccid=89860012345678901237               |             |    | ",
        // 21 digits
        "iccid=898600123456789012385              |             |    | ",
        // does not start with 89
        "iccid=98860012345678901234               |             |    | ",
        "iccid=89860012345678901238ff             |             |    | ",
    })
    void iccid(String text, String name, String region, String expected) {
        check("iccid", text, name, region, expected);
    }

    @ParameterizedTest(name = "email in [{0}]: {3}")
    @CsvSource(delimiter = '|', value = {
        "email=john.doe@gmail.com&x=1             |             |    | john.doe@gmail.com",
        "{\"user\":\"a.b+tag@mail.example.co.uk\"} |            |    | a.b+tag@mail.example.co.uk",
        "mailto:someone@example.org               |             |    | someone@example.org",
        "Contact: Li.Wei@xiaomi.com.              |             |    | Li.Wei@xiaomi.com",
        // URL userinfo
        "u=https://user@host.com/path             |             |    | ",
        "u=https://user:pw@host.com/              |             |    | ",
        // image assets, package versions, no TLD
        "src=icon@2x.png                          |             |    | ",
        "dep=lodash@4.17.21                       |             |    | ",
        "to=a@b                                   |             |    | ",
        "to=john@localhost                        |             |    | ",
        "to=john..doe@gmail.com                   |             |    | ",
        "to=john@-gmail.com                       |             |    | ",
    })
    void email(String text, String name, String region, String expected) {
        check("email", text, name, region, expected);
    }

    @ParameterizedTest(name = "phone in [{0}] name={1} region={2}: {3}")
    @CsvSource(delimiter = '|', value = {
        "+8613800138000                           |             |    | +8613800138000",
        "to=+86 138 0013 8000&x=1                 |             | CN | +86 138 0013 8000",
        "{\"c\":\"+1 650-253-0000\"}              |             |    | +1 650-253-0000",
        "phone=13800138000                        |             | CN | 13800138000",
        "13800138000                              | user.mobile | CN | 13800138000",
        "{\"msisdn\":\"13800138000\"}             |             | CN | 13800138000",
        "telNo=13800138000                        |             | CN | 13800138000",
        // national form without a key, or without a region
        "13800138000                              |             | CN | ",
        "ts=13800138000                           |             | CN | ",
        "phone=13800138000                        |             |    | ",
        // tel inside another word is no key
        "hotel=13800138000                        |             | CN | ",
        // part of a longer digit run, or of a decimal
        "phone=9913800138000123                   |             | CN | ",
        "phone=1.13800138000                      |             | CN | ",
        // not a valid number
        "+8600000000000                           |             |    | ",
        // 00 + a valid Danish number, but it is a UUID's middle groups
        "X-Request-Id: 4a9320d3-0045-4839-8286-ab756b853480 |   | CN | ",
        // a + inside a base64 blob
        "sig=Qk9Fa2+8613800138000xQ==             |             |    | ",
        // the key is long before the number (over 32 bytes)
        "phone=x,yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy 13800138000 | | CN | ",
    })
    void phone(String text, String name, String region, String expected) {
        check("phone", text, name, region, expected);
    }

    @ParameterizedTest(name = "advertising_id in [{0}] name={1}: {3}")
    @CsvSource(delimiter = '|', value = {
        "gaid=3f2504e0-4f89-41d3-9a0c-0305e82c3301&x=1 |        |    | 3f2504e0-4f89-41d3-9a0c-0305e82c3301",
        "{\"idfa\":\"3F2504E0-4F89-41D3-9A0C-0305E82C3301\"} |   |    | 3F2504E0-4F89-41D3-9A0C-0305E82C3301",
        "3f2504e0-4f89-41d3-9a0c-0305e82c3301     | advertisingId |  | 3f2504e0-4f89-41d3-9a0c-0305e82c3301",
        "{\"oaid\":\"3f2504e0-4f89-41d3-bf0c-0305e82c3301\"} |   |    | 3f2504e0-4f89-41d3-bf0c-0305e82c3301",
        // a random v4 UUID as a request id
        "request_id=3f2504e0-4f89-41d3-9a0c-0305e82c3301 |       |    | ",
        "3f2504e0-4f89-41d3-9a0c-0305e82c3301     | X-Request-Id |   | ",
        // not version 4, not variant 10xx, mixed case, all zeros (limit ad tracking)
        "gaid=3f2504e0-4f89-11d3-9a0c-0305e82c3301 |            |    | ",
        "gaid=3f2504e0-4f89-41d3-7a0c-0305e82c3301 |            |    | ",
        "gaid=3f2504e0-4f89-41d3-9A0c-0305e82c3301 |            |    | ",
        "gaid=00000000-0000-0000-0000-000000000000 |            |    | ",
        // the key belongs to the previous field
        "gaid=1&rid=3f2504e0-4f89-41d3-9a0c-0305e82c3301 |      |    | ",
        // longer than a UUID
        "gaid=3f2504e0-4f89-41d3-9a0c-0305e82c3301ab |          |    | ",
    })
    void advertisingId(String text, String name, String region, String expected) {
        check("advertising_id", text, name, region, expected);
    }

    @ParameterizedTest(name = "mac in [{0}]: {3}")
    @CsvSource(delimiter = '|', value = {
        "mac=a4:5e:60:c2:11:0f&x=1                |             |    | a4:5e:60:c2:11:0f",
        "bssid=A4-5E-60-C2-11-0F                  |             |    | A4-5E-60-C2-11-0F",
        "ap=a4:5e:60:c2:11:0f                     |             |    | a4:5e:60:c2:11:0f",
        // locally administered (randomised) addresses are still per-device
        "wlan0=da:a1:19:5e:22:01                  |             |    | da:a1:19:5e:22:01",
        // broadcast, zeros, multicast, Android's placeholder
        "mac=ff:ff:ff:ff:ff:ff                    |             |    | ",
        "mac=00:00:00:00:00:00                    |             |    | ",
        "mac=01:00:5e:00:00:fb                    |             |    | ",
        "mac=02:00:00:00:00:00                    |             |    | ",
        // mixed separators, seven octets, inside an IPv6 address, bare hex
        "mac=a4:5e-60:c2:11:0f                    |             |    | ",
        "mac=a4:5e:60:c2:11:0f:22                 |             |    | ",
        "ip=fe80:a4:5e:60:c2:11:0f                |             |    | ",
        "mac=a45e60c2110f                         |             |    | ",
    })
    void mac(String text, String name, String region, String expected) {
        check("wifi_mac", text, name, region, expected);
    }

    @ParameterizedTest(name = "location in [{0}]: {3}")
    @CsvSource(delimiter = '|', value = {
        "'22.543,114.057'                         |             |    | '22.543,114.057'",
        "'loc=22.543, 114.057&x=1'                |             |    | '22.543, 114.057'",
        "ll=-33.8688;151.2093                     |             |    | -33.8688;151.2093",
        "'{\"lat\":22.54,\"lng\":114.05}'          |             |    | '22.54,\"lng\":114.05'",
        "latitude=22.5431&longitude=114.0579      |             |    | 22.5431&longitude=114.0579",
        "'{\"lon\": -0.1276, \"lat\": 51.5072}'    |             |    | '-0.1276, \"lat\": 51.5072'",
        "<gpsLat>22.5431</gpsLat><gpsLng>114.0579</gpsLng> |    |    | 22.5431</gpsLat><gpsLng>114.0579",
        // too few fraction digits without keys, whole numbers, null island, out of range
        "'1.5,2.5'                                |             |    | ",
        "'22.000,114.000'                         |             |    | ",
        "'0.000,0.000'                            |             |    | ",
        "'0.512,0.881'                            |             |    | ",
        "'95.123,114.057'                         |             |    | ",
        // a list of floats, version numbers
        "'[0.123,22.543,114.057]'                 |             |    | ",
        "'[22.543,114.057,3.250]'                 |             |    | ",
        "'v=1.2.3,4.5.6'                          |             |    | ",
        // latency is no latitude, long no longitude; keys too far apart
        "'{\"latency\":22.54,\"lng\":114.05}'      |             |    | ",
        "'{\"lat\":22.54,\"long\":114.05}'         |             |    | ",
        "'{\"lat\":22.54,\"pad\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",\"lng\":114.05}' | | | ",
    })
    void location(String text, String name, String region, String expected) {
        check("location", text, name, region, expected);
    }

    @Test
    void bluetoothKeyMakesABtMac() {
        assertThat(Scan.all("bt_addr=a4:5e:60:c2:11:0f", null, null))
                .extracting(PatternHit::identifier, PatternHit::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bt_mac", "unicast, key bt"));
    }

    @Test
    void hitsCarryCategoryOffsetAndReason() {
        byte[] bytes = "xxxxximsi=460001234567890&imei=864048021234566".getBytes(StandardCharsets.US_ASCII);
        List<PatternHit> hits = new PatternDetector(PatternConfig.all(null)).scan(bytes, 5, bytes.length - 5, null);
        assertThat(hits).containsExactly(
                new PatternHit("imsi", "subscriber_id", 5, 15, "460001234567890", "mcc 460, key imsi"),
                new PatternHit("imei", "device_id", 26, 15, "864048021234566", "luhn+tac"));
    }

    @Test
    void hitsPerPartAreCapped() {
        String text = "imei=864048021234566&".repeat(100);
        assertThat(Scan.all(text, null, null)).hasSize(PatternLimits.MAX_HITS_PER_PART);
    }

    @Test
    void emailsPerPartAreCapped() {
        String text = "to=li.wei@xiaomi.com,".repeat(40);
        assertThat(Scan.values(text, null, null, "email")).hasSize(PatternLimits.MAX_EMAILS_PER_PART);
    }

    @Test
    void disabledDetectorsFindNothing() {
        PatternDetector onlyEmail = new PatternDetector(new PatternConfig(null, EnumSet.of(PatternKind.EMAIL)));
        byte[] bytes = "imei=864048021234566&e=a@b.com".getBytes(StandardCharsets.US_ASCII);
        assertThat(onlyEmail.scan(bytes, 0, bytes.length, null)).extracting(PatternHit::identifier)
                .containsExactly("email");
    }

    @Test
    void badBoundsGiveNothing() {
        PatternDetector detector = new PatternDetector(PatternConfig.all("CN"));
        byte[] bytes = "imei=864048021234566".getBytes(StandardCharsets.US_ASCII);
        assertThat(detector.scan(null, 0, 1, null)).isEmpty();
        assertThat(detector.scan(bytes, -1, 3, null)).isEmpty();
        assertThat(detector.scan(bytes, 3, bytes.length, null)).isEmpty();
        assertThat(detector.scan(bytes, Integer.MAX_VALUE, Integer.MAX_VALUE, null)).isEmpty();
        assertThat(detector.scan(bytes, 0, 0, null)).isEmpty();
    }

    @Test
    void aNumberCutByTheRangeIsNotReportedWhole() {
        byte[] bytes = "imei=864048021234566".getBytes(StandardCharsets.US_ASCII);
        assertThat(new PatternDetector(PatternConfig.all(null)).scan(bytes, 0, bytes.length - 1, null)).isEmpty();
    }

    @Test
    void randomBinaryNeverThrows() {
        PatternDetector detector = new PatternDetector(PatternConfig.all("CN"));
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            byte[] bytes = new byte[rnd.nextInt(20_000)];
            rnd.nextBytes(bytes);
            if (round % 2 == 0) { // mostly printable, with key words and separators sprinkled in
                byte[] alphabet = "0123456789abcdef:-.,;@+ imsi=gaid=lat=lng=phone=\"{}".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = alphabet[Math.floorMod(bytes[i], alphabet.length)];
                }
            }
            int off = bytes.length == 0 ? 0 : rnd.nextInt(bytes.length);
            int len = bytes.length - off;
            assertThat(detector.scan(bytes, off, len, round % 3 == 0 ? "phone" : null))
                    .allSatisfy(h -> assertThat(h.offset()).isBetween(0, len - h.length()));
        }
    }

    @Test
    void unknownRegionIsRejectedAtConstruction() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> PatternConfig.all("XX"));
        assertThat(PatternConfig.all("cn").defaultRegion()).isEqualTo("CN");
    }
}
