package org.phonehome.detect.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.phonehome.detect.IdentifierVariant;

class VariantGeneratorTest {

    private static List<IdentifierVariant> variantsOf(String yaml) throws ProfileException {
        return VariantGenerator.variants(DeviceProfileLoader.load(yaml, "device.yaml"));
    }

    private static List<IdentifierVariant> ofRef(List<IdentifierVariant> all, String ref) {
        return all.stream().filter(v -> v.ref().equals(ref)).toList();
    }

    private static Set<String> texts(List<IdentifierVariant> variants, String encoding) {
        return variants.stream().filter(v -> v.encoding().equals(encoding))
                .map(v -> new String(v.bytes(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
    }

    private static IdentifierVariant find(List<IdentifierVariant> variants, String encoding, String text) {
        return variants.stream()
                .filter(v -> v.encoding().equals(encoding) && new String(v.bytes(), StandardCharsets.UTF_8).equals(text))
                .findFirst().orElseThrow(() -> new AssertionError("no " + encoding + " variant '" + text + "'"));
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b & 0xff));
        }
        return out.toString();
    }

    private static byte[] digest(String algorithm, String text) throws Exception {
        return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void imeiKnownAnswers() throws Exception {
        List<IdentifierVariant> v = variantsOf("device:\n  identifiers:\n    imei: 864048021234566\n");
        String imei = "864048021234566";

        IdentifierVariant plain = find(v, "plain", imei);
        assertThat(plain.identifier()).isEqualTo("imei");
        assertThat(plain.category()).isEqualTo("device_id");
        assertThat(plain.ref()).isEqualTo("imei[0]");
        assertThat(plain.format()).isEqualTo("as-given");
        assertThat(plain.boundary()).isTrue();
        assertThat(find(v, "plain", "86404802123456").format()).isEqualTo("without-check-digit");

        String base64 = Base64.getEncoder().encodeToString(imei.getBytes(StandardCharsets.US_ASCII));
        assertThat(find(v, "base64", base64).boundary()).isFalse();
        assertThat(texts(v, "hex")).containsExactlyInAnyOrder(hex(imei.getBytes(StandardCharsets.US_ASCII)),
                hex("86404802123456".getBytes(StandardCharsets.US_ASCII)));
        String md5 = hex(digest("MD5", imei));
        assertThat(texts(v, "md5-hex")).contains(md5, md5.toUpperCase(Locale.ROOT));
        assertThat(find(v, "md5-hex", md5).boundary()).isTrue();
        assertThat(texts(v, "sha1-hex")).contains(hex(digest("SHA-1", imei)));
        assertThat(texts(v, "sha256-base64"))
                .contains(Base64.getEncoder().encodeToString(digest("SHA-256", imei)));
        assertThat(texts(v, "md5-base64")).contains(Base64.getEncoder().encodeToString(digest("MD5", imei)));
        // digits only: URL-encoding changes nothing, so no urlencoded variant survives deduplication
        assertThat(texts(v, "urlencoded")).isEmpty();
    }

    @Test
    void imeiWithoutCheckDigitGetsTheComputedOne() throws ProfileException {
        List<IdentifierVariant> v = variantsOf("device:\n  identifiers:\n    imei: '86404802123456'\n");
        assertThat(find(v, "plain", "864048021234566").format()).isEqualTo("with-check-digit");
    }

    @Test
    void chinesePhoneFormats() throws ProfileException {
        List<IdentifierVariant> v = variantsOf("device:\n  identifiers:\n    phone: '+86 138 0013 8000'\n");
        assertThat(v).allMatch(x -> x.identifier().equals("phone") && x.category().equals("subscriber_id"));
        assertThat(texts(v, "plain")).contains("+8613800138000", "8613800138000", "008613800138000", "13800138000",
                "+86 138 0013 8000", "+86-138-0013-8000", "138 0013 8000", "138-0013-8000");
        assertThat(find(v, "plain", "+8613800138000").format()).isEqualTo("e164");
        assertThat(find(v, "plain", "13800138000").format()).isEqualTo("national-significant");
        assertThat(find(v, "plain", "+86 138 0013 8000").format()).isEqualTo("as-given");
        assertThat(v.stream().filter(x -> x.encoding().equals("plain"))).allMatch(IdentifierVariant::boundary);
        assertThat(texts(v, "urlencoded")).contains("%2B8613800138000", "%2B86+138+0013+8000", "%2B86%20138%200013%208000");
    }

    @Test
    void ukPhoneFormatsKeepTheTrunkPrefix() throws ProfileException {
        List<IdentifierVariant> v = variantsOf("device:\n  identifiers:\n    phone: '+44 7700 900123'\n");
        assertThat(texts(v, "plain")).contains("+447700900123", "447700900123", "00447700900123", "7700900123",
                "07700900123", "+44 7700 900123", "+44-7700-900123", "07700 900123", "07700-900123");
        assertThat(find(v, "plain", "07700900123").format()).isEqualTo("national");
    }

    @Test
    void nationalPhoneUsesTheProfileRegion() throws ProfileException {
        List<IdentifierVariant> v = variantsOf("device:\n  region: CN\n  identifiers:\n    phone: '13800138000'\n");
        assertThat(texts(v, "plain")).contains("+8613800138000", "+86 138 0013 8000");
    }

    @Test
    void macFormats() throws ProfileException {
        List<IdentifierVariant> v = variantsOf("device:\n  identifiers:\n    bt_mac: 'AC-DE-48-00-11-22'\n");
        assertThat(texts(v, "plain")).containsExactlyInAnyOrder("AC-DE-48-00-11-22", "ac:de:48:00:11:22",
                "AC:DE:48:00:11:22", "ac-de-48-00-11-22", "acde48001122", "ACDE48001122", "acde.4800.1122");
        assertThat(find(v, "plain", "AC-DE-48-00-11-22").format()).isEqualTo("as-given");
        assertThat(find(v, "plain", "ac:de:48:00:11:22").format()).isEqualTo("colon-lower");
    }

    @Test
    void hexIdsInBothCases() throws ProfileException {
        List<IdentifierVariant> v = variantsOf("""
                device:
                  identifiers:
                    android_id: 9774D56D682E549C
                    advertising_id: 38400000-8cf0-11bd-b23e-10b96e40000d
                """);
        assertThat(texts(ofRef(v, "android_id[0]"), "plain")).containsExactlyInAnyOrder("9774D56D682E549C",
                "9774d56d682e549c");
        assertThat(texts(ofRef(v, "advertising_id[0]"), "plain")).containsExactlyInAnyOrder(
                "38400000-8cf0-11bd-b23e-10b96e40000d", "38400000-8CF0-11BD-B23E-10B96E40000D",
                "384000008cf011bdb23e10b96e40000d", "384000008CF011BDB23E10B96E40000D");
    }

    @Test
    void hexTransformInBothCases() throws ProfileException {
        List<IdentifierVariant> v = variantsOf("device:\n  canaries: [PHCANARY-2KBMW62GXD]\n");
        String lower = hex("PHCANARY-2KBMW62GXD".getBytes(StandardCharsets.US_ASCII));
        assertThat(texts(v, "hex")).containsExactlyInAnyOrder(lower, lower.toUpperCase(Locale.ROOT));
        assertThat(v).allMatch(x -> x.identifier().equals("canary") && x.category().equals("canary"));
    }

    @Test
    void urlencodedWithPlusAndPercent20() throws ProfileException {
        List<IdentifierVariant> v = variantsOf("device:\n  canaries:\n    messages: ['heron-7731 blue dawn', 'Zhang 张三']\n");
        assertThat(texts(ofRef(v, "canaries.messages[0]"), "urlencoded"))
                .containsExactlyInAnyOrder("heron-7731%20blue%20dawn", "heron-7731+blue+dawn");
        assertThat(texts(ofRef(v, "canaries.messages[1]"), "urlencoded")).containsExactlyInAnyOrder(
                "Zhang%20%E5%BC%A0%E4%B8%89", "Zhang%20%e5%bc%a0%e4%b8%89",
                "Zhang+%E5%BC%A0%E4%B8%89", "Zhang+%e5%bc%a0%e4%b8%89");
        assertThat(v).allMatch(x -> x.identifier().equals("sms") && x.category().equals("message"));
    }

    @Test
    void locationPairs() throws ProfileException {
        List<IdentifierVariant> v = variantsOf("device:\n  canaries:\n    locations: [{lat: 22.54321, lon: 114.05678}]\n");
        assertThat(texts(v, "plain")).contains("22.543,114.057", "22.543,114.056", "22.5432, 114.0568",
                "22.5432;114.0567", "22.54321,114.05678", "22.54321;114.05678").doesNotContain("22.543", "114.057");
        assertThat(find(v, "plain", "22.543,114.057").format()).isEqualTo("3-decimals-rounded-comma");
        assertThat(find(v, "plain", "22.543,114.056").format()).isEqualTo("3-decimals-truncated-comma");
        assertThat(v).allMatch(x -> x.identifier().equals("location") && x.category().equals("location"));
    }

    @Test
    void contactsGiveNameAndPhone() throws ProfileException {
        List<IdentifierVariant> v = variantsOf(
                "device:\n  canaries:\n    contacts: [{name: Canary Zhang, phone: '+86 139 1111 2222'}, {name: Li}]\n");
        assertThat(texts(ofRef(v, "canaries.contacts[0].name"), "plain")).containsExactlyInAnyOrder(
                "Canary Zhang", "canary zhang");
        assertThat(texts(ofRef(v, "canaries.contacts[0].phone"), "plain")).contains("+8613911112222", "13911112222");
        assertThat(ofRef(v, "canaries.contacts[1].name")).as("'Li' is shorter than the minimum").isEmpty();
        assertThat(v).allMatch(x -> x.identifier().equals("contact") && x.category().equals("contact"));
    }

    @Test
    void shortValuesAreDroppedAndCounted() throws ProfileException {
        VariantSet set = VariantGenerator.generate(DeviceProfileLoader.load(
                "device:\n  identifiers:\n    serial: abcd\n", "device.yaml"));
        assertThat(set.tooShort()).isEqualTo(1);
        assertThat(set.variants()).as("a 4-byte value is not looked for in any encoding").isEmpty();
    }

    @Test
    void shortestValueKeepsAllThreeBase64Fragments() throws ProfileException {
        // 6 bytes: fragments of 8, 7 and 7 characters (alignment 0, 1, 2), all above the minimum
        VariantSet set = VariantGenerator.generate(DeviceProfileLoader.load(
                "device:\n  identifiers:\n    serial: abcdef\n", "device.yaml"));
        assertThat(set.tooShort()).isZero();
        assertThat(texts(set.variants(), "base64")).contains("YWJjZGVm", "FiY2RlZ", "hYmNkZW");
        assertThat(texts(set.variants(), "plain")).containsExactly("abcdef");
    }

    @Test
    void designExampleInvariants() throws ProfileException {
        VariantSet set = VariantGenerator.generate(ExampleProfile.load());
        List<IdentifierVariant> v = set.variants();
        assertThat(v).allMatch(x -> x.bytes().length >= ProfileLimits.MIN_VARIANT_BYTES);
        Set<List<Object>> refAndBytes = new HashSet<>();
        for (IdentifierVariant x : v) {
            assertThat(refAndBytes.add(List.of(x.ref(), ByteBuffer.wrap(x.bytes()))))
                    .as("duplicate %s %s", x.ref(), new String(x.bytes(), StandardCharsets.UTF_8)).isTrue();
        }
        assertThat(v.stream().map(IdentifierVariant::ref).distinct()).containsExactly(
                "imei[0]", "imei[1]", "imsi[0]", "iccid[0]", "phone[0]", "serial[0]", "android_id[0]",
                "advertising_id[0]", "wifi_mac[0]", "email[0]", "canaries.contacts[0].name",
                "canaries.contacts[0].phone", "canaries.messages[0]", "canaries.urls[0]", "canaries.locations[0]",
                "canaries.strings[0]");
        assertThat(v.stream().filter(x -> x.ref().equals("imsi[0]")).map(IdentifierVariant::category).distinct())
                .containsExactly("subscriber_id");
        assertThat(v.stream().filter(x -> x.ref().equals("email[0]")).map(IdentifierVariant::category).distinct())
                .containsExactly("account");
        assertThat(v.stream().filter(x -> x.ref().equals("canaries.urls[0]")).map(IdentifierVariant::category)
                .distinct()).containsExactly("browsing");
        assertThat(texts(ofRef(v, "canaries.urls[0]"), "plain")).containsExactlyInAnyOrder(
                "https://example.org/canary-3391", "example.org/canary-3391");
        assertThat(v).filteredOn(x -> x.encoding().startsWith("base64") || x.encoding().equals("urlencoded"))
                .noneMatch(IdentifierVariant::boundary);
        assertThat(v).filteredOn(x -> x.encoding().endsWith("hex")).allMatch(IdentifierVariant::boundary);
    }

    @Test
    void designExampleCounts() throws ProfileException {
        // pinned so a change in formats, transforms or deduplication is noticed (and the automaton size reviewed)
        VariantSet set = VariantGenerator.generate(ExampleProfile.load());
        assertThat(set.variants()).hasSize(949);
        assertThat(set.tooShort()).isZero();
        assertThat(set.duplicates()).isEqualTo(875);
        assertThat(set.variants().stream().filter(x -> x.encoding().equals("plain"))).hasSize(55);
    }

    @Test
    void base64AlignmentPropertyThroughTheGenerator() throws ProfileException {
        java.util.Random random = new java.util.Random(20141008);
        for (int round = 0; round < 300; round++) {
            String value = randomText(random, 6 + random.nextInt(40));
            List<IdentifierVariant> v = variantsOf("device:\n  canaries: ['" + value + "']\n");
            List<String> base64 = new ArrayList<>();
            for (IdentifierVariant x : v) {
                if (x.encoding().startsWith("base64")) {
                    base64.add(new String(x.bytes(), StandardCharsets.US_ASCII));
                }
            }
            byte[] prefix = randomBytes(random, random.nextInt(12));
            byte[] suffix = randomBytes(random, random.nextInt(12));
            byte[] whole = concat(prefix, value.getBytes(StandardCharsets.UTF_8), suffix);
            String standard = Base64.getEncoder().encodeToString(whole);
            String url = Base64.getUrlEncoder().withoutPadding().encodeToString(whole);
            assertThat(base64).as("value %s prefix %d", value, prefix.length).anyMatch(standard::contains);
            assertThat(base64).as("url value %s prefix %d", value, prefix.length).anyMatch(url::contains);
        }
    }

    private static String randomText(java.util.Random random, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~!?<>";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    static byte[] randomBytes(java.util.Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteBuffer out = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }
}
