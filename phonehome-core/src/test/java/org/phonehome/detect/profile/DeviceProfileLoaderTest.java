package org.phonehome.detect.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceProfileLoaderTest {

    private static DeviceProfile load(String yaml) throws ProfileException {
        return DeviceProfileLoader.load(yaml, "device.yaml");
    }

    private static ProfileException error(String yaml) {
        try {
            load(yaml);
        } catch (ProfileException e) {
            return e;
        }
        throw new AssertionError("expected a ProfileException for:\n" + yaml);
    }

    @Test
    void designExampleParses() throws ProfileException {
        DeviceProfile p = ExampleProfile.load();

        assertThat(p.name()).isEqualTo("Redmi Note test unit 1");
        assertThat(p.values(ProfileIdentifier.IMEI)).containsExactly("864048021234563", "864048021234571");
        assertThat(p.values(ProfileIdentifier.IMSI)).containsExactly("460001234567890");
        assertThat(p.values(ProfileIdentifier.ICCID)).containsExactly("89860012345678901237");
        assertThat(p.values(ProfileIdentifier.PHONE)).containsExactly("+86 138 0013 8000");
        assertThat(p.values(ProfileIdentifier.SERIAL)).containsExactly("a1b2c3d4");
        assertThat(p.values(ProfileIdentifier.ANDROID_ID)).containsExactly("9774d56d682e549c");
        assertThat(p.values(ProfileIdentifier.ADVERTISING_ID)).containsExactly("38400000-8cf0-11bd-b23e-10b96e40000d");
        assertThat(p.values(ProfileIdentifier.WIFI_MAC)).containsExactly("64:09:80:12:34:56");
        assertThat(p.values(ProfileIdentifier.EMAIL)).containsExactly("tester@example.com");
        assertThat(p.values(ProfileIdentifier.BT_MAC)).isEmpty();
        assertThat(p.canaries().contacts()).containsExactly(new Contact("Canary Zhang", "+86 139 1111 2222"));
        assertThat(p.canaries().messages()).containsExactly("heron-7731 blue dawn");
        assertThat(p.canaries().urls()).containsExactly("https://example.org/canary-3391");
        assertThat(p.canaries().locations())
                .containsExactly(new Location(new BigDecimal("22.54321"), new BigDecimal("114.05678")));
        assertThat(p.canaries().strings()).containsExactly("PHCANARY-2KBMW62GXD");
        // the example's IMEIs and ICCID are made up: their check digits are wrong
        assertThat(p.warnings()).containsExactly(
                "device.yaml line 4: imei '864048021234563' fails the Luhn check (its check digit would be 6)",
                "device.yaml line 4: imei '864048021234571' fails the Luhn check (its check digit would be 4)",
                "device.yaml line 6: iccid '89860012345678901237' fails the Luhn check");
    }

    @Test
    void loadsFromPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("device.yaml");
        Files.writeString(file, ExampleProfile.YAML, StandardCharsets.UTF_8);
        assertThat(DeviceProfileLoader.load(file).values(ProfileIdentifier.IMSI)).containsExactly("460001234567890");
    }

    @Test
    void missingFileIsOneLineError(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> DeviceProfileLoader.load(file))
                .isInstanceOf(ProfileException.class).hasMessage(file + ": no such file");
    }

    @Test
    void canariesAsPlainListAreStrings() throws ProfileException {
        DeviceProfile p = load("""
                device:
                  canaries: ["PHCANARY-AAAA", "PHCANARY-BBBB"]
                """);
        assertThat(p.canaries().strings()).containsExactly("PHCANARY-AAAA", "PHCANARY-BBBB");
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void canariesAtTopLevelAreAccepted() throws ProfileException {
        DeviceProfile p = load("""
                device:
                  identifiers: {serial: R58M12ABCDE}
                canaries:
                  strings: [PHCANARY-TOP]
                """);
        assertThat(p.canaries().strings()).containsExactly("PHCANARY-TOP");
    }

    @Test
    void numbersWithoutQuotesKeepTheirText() throws ProfileException {
        DeviceProfile p = load("""
                device:
                  identifiers:
                    imei: 864048021234566
                    imsi: [460001234567890]
                    serial: [0123, 1e5, 0x1F, yes, 1_000]
                    account_id: 12.50
                """);
        assertThat(p.values(ProfileIdentifier.IMEI)).containsExactly("864048021234566");
        assertThat(p.values(ProfileIdentifier.IMSI)).containsExactly("460001234567890");
        assertThat(p.values(ProfileIdentifier.SERIAL)).containsExactly("0123", "1e5", "0x1F", "yes", "1_000");
        assertThat(p.values(ProfileIdentifier.ACCOUNT_ID)).containsExactly("12.50");
        assertThat(p.warnings()).as("only 'too short' warnings: no type errors").isNotEmpty()
                .allMatch(w -> w.contains("is shorter than 6 bytes"));
    }

    @Test
    void malformedYamlNamesTheLine() {
        ProfileException e = error("""
                device:
                  identifiers:
                    imei: "864048021234566"
                    imsi: [460001234567890
                    serial: x
                """);
        assertThat(e.getMessage()).startsWith("device.yaml line 5: invalid YAML: ")
                .contains("started on line 4").doesNotContain("\n");
        assertThat(e.line()).isEqualTo(5);
    }

    @Test
    void badIndentationNamesTheLine() {
        ProfileException e = error("""
                device:
                  name: a
                    identifiers: b: c
                """);
        assertThat(e.getMessage()).isEqualTo("device.yaml line 3: invalid YAML: mapping values are not allowed here");
    }

    @Test
    void wrongTypeNamesTheLine() {
        ProfileException e = error("""
                device:
                  name: test

                  identifiers:
                    imsi: "460001234567890"

                    imei: {a: 1}
                """);
        assertThat(e.getMessage()).isEqualTo("device.yaml line 7: imei must be a string or a list of strings");
    }

    @Test
    void mappingInsideAListIsAnError() {
        ProfileException e = error("""
                device:
                  identifiers:
                    imei:
                      - "864048021234566"
                      - {x: 1}
                """);
        assertThat(e.getMessage()).isEqualTo(
                "device.yaml line 5: imei must be a string or a list of strings, found a mapping in the list");
    }

    @Test
    void unknownIdentifierIsAWarningWithLine() throws ProfileException {
        DeviceProfile p = load("""
                device:
                  identifiers:
                    imei: "864048021234566"
                    imie: "864048021234566"
                """);
        assertThat(p.warnings()).containsExactly("device.yaml line 4: unknown identifier 'imie' (known: imei, imsi,"
                + " iccid, phone, serial, android_id, advertising_id, wifi_mac, bt_mac, email, account_id)");
        assertThat(p.values(ProfileIdentifier.IMEI)).hasSize(1);
    }

    @Test
    void unknownKeysElsewhereAreWarnings() throws ProfileException {
        DeviceProfile p = load("""
                device:
                  model: Redmi
                  canaries:
                    sms: ["x"]
                    strings: [PHCANARY-1]
                extra: 1
                """);
        assertThat(p.warnings()).containsExactly(
                "device.yaml line 2: unknown key 'model' in device (known: name, region, identifiers, canaries)",
                "device.yaml line 4: unknown canary kind 'sms' (known: contacts, messages, urls, locations, strings)",
                "device.yaml line 6: unknown key 'extra' (known: device)");
    }

    @Test
    void luhnFailingImeiWarns() throws ProfileException {
        DeviceProfile p = load("device:\n  identifiers:\n    imei: [864048021234563, 864048021234566, 86404802123456]\n");
        assertThat(p.warnings()).containsExactly(
                "device.yaml line 3: imei '864048021234563' fails the Luhn check (its check digit would be 6)");
        assertThat(p.values(ProfileIdentifier.IMEI)).hasSize(3);
    }

    @Test
    void imeiOfWrongLengthWarns() throws ProfileException {
        DeviceProfile p = load("device:\n  identifiers:\n    imei: '1234567'\n");
        assertThat(p.warnings()).containsExactly("device.yaml line 3: imei '1234567' is not 14 or 15 digits");
    }

    @Test
    void unknownMccWarns() throws ProfileException {
        DeviceProfile p = load("device:\n  identifiers:\n    imsi: '123001234567890'\n");
        assertThat(p.warnings()).containsExactly("device.yaml line 3: imsi '123001234567890' starts with 123, which is"
                + " not a mobile country code (ITU-T E.212)");
    }

    @Test
    void unparsablePhoneWarns() throws ProfileException {
        DeviceProfile p = load("""
                device:
                  identifiers:
                    phone: ["call me", "13800138000", "+86 12"]
                """);
        assertThat(p.warnings()).hasSize(3).allMatch(w -> w.startsWith("device.yaml line 3: phone '"));
        assertThat(p.warnings().get(1)).isEqualTo("device.yaml line 3: phone '13800138000' has no +country code"
                + " and the profile gives no device.region");
    }

    @Test
    void nationalPhoneWithRegionParses() throws ProfileException {
        DeviceProfile p = load("device:\n  region: cn\n  identifiers:\n    phone: '13800138000'\n");
        assertThat(p.region()).isEqualTo("CN");
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void otherValueChecksWarn() throws ProfileException {
        DeviceProfile p = load("""
                device:
                  identifiers:
                    wifi_mac: "64:09:80:12:34"
                    advertising_id: "not-a-uuid"
                    email: "tester.example.com"
                    iccid: "1234567"
                """);
        assertThat(p.warnings()).containsExactly(
                "device.yaml line 3: wifi_mac '64:09:80:12:34' is not a 6-byte MAC address",
                "device.yaml line 4: advertising_id 'not-a-uuid' is not a UUID (8-4-4-4-12 hex digits)",
                "device.yaml line 5: email 'tester.example.com' has no '@'",
                "device.yaml line 6: iccid '1234567' is not 19 or 20 digits");
    }

    @Test
    void aCoordinateOutOfRangeOrWithTooManyDecimalsIsAnError() {
        String head = "device:\n  canaries:\n    locations: ";
        assertThat(error(head + "[{lat: 95.5, lon: 114.05678}]\n").getMessage())
                .isEqualTo("device.yaml line 3: lat 95.5 is out of range -90..90");
        assertThat(error(head + "[{lat: 22.5, lon: -181}]\n").getMessage())
                .isEqualTo("device.yaml line 3: lon -181 is out of range -180..180");
        // written out in full these are a million digits: each location format would be a pattern that long
        assertThat(error(head + "[{lat: 22.5, lon: 1e1000000}]\n").getMessage()).contains("out of range");
        assertThat(error(head + "[{lat: 1e-1000000, lon: 1}]\n").getMessage())
                .isEqualTo("device.yaml line 3: lat 1e-1000000 has more than 15 decimals");
    }

    @Test
    void emptyProfileIsAnError() {
        assertThat(error("").getMessage()).startsWith("device.yaml line 1: the profile names no identifiers and no"
                + " canaries; give device.identifiers (imei, imsi,");
        assertThat(error("device:\n  name: x\n  identifiers: {}\n").getMessage())
                .contains("names no identifiers and no canaries");
    }

    @Test
    void topLevelListIsAnError() {
        assertThat(error("- a\n- b\n").getMessage())
                .isEqualTo("device.yaml line 1: a profile must be a mapping with a 'device' key, found a list");
    }

    @Test
    void duplicatesAreDroppedWithAWarning() throws ProfileException {
        DeviceProfile p = load("""
                device:
                  identifiers:
                    imei:
                      - "864048021234566"
                      - "864048021234566"
                  canaries:
                    strings: [PHCANARY-1, PHCANARY-1]
                """);
        assertThat(p.values(ProfileIdentifier.IMEI)).containsExactly("864048021234566");
        assertThat(p.canaries().strings()).containsExactly("PHCANARY-1");
        assertThat(p.warnings()).containsExactly(
                "device.yaml line 5: duplicate imei '864048021234566' ignored (first on line 4)",
                "device.yaml line 7: duplicate canary 'PHCANARY-1' ignored (first on line 7)");
    }

    @Test
    void duplicateContactsAndLocationsAreDroppedAndOnlyThose() throws ProfileException {
        DeviceProfile p = load("""
                device:
                  canaries:
                    contacts:
                      - {name: "Canary Zhang", phone: "+86 139 1111 2222"}
                      - {name: "Canary Zhang", phone: "+86 139 1111 2222"}
                      - {name: "Canary Zhang", phone: "+86 139 1111 3333"}
                      - {name: "Canary Zhang"}
                      - {phone: "+86 139 1111 2222"}
                    locations:
                      - {lat: "22.543", lon: "114.057"}
                      - {lat: "22.543", lon: "114.057"}
                      - {lat: "22.5430", lon: "114.057"}
                      - {lat: "-22.543", lon: "114.057"}
                      - {lat: "22.543", lon: "114.058"}
                    messages: ["heron-7731"]
                    strings: ["heron-7731"]
                """);
        assertThat(p.canaries().contacts()).containsExactly(
                new Contact("Canary Zhang", "+86 139 1111 2222"), new Contact("Canary Zhang", "+86 139 1111 3333"),
                new Contact("Canary Zhang", null), new Contact(null, "+86 139 1111 2222"));
        // The decimal as written: 22.5430 is another value than 22.543 (BigDecimal's equality, as before).
        assertThat(p.canaries().locations()).extracting(l -> l.lat().toPlainString() + "," + l.lon().toPlainString())
                .containsExactly("22.543,114.057", "22.5430,114.057", "-22.543,114.057", "22.543,114.058");
        // The same text as a message and as a string is two canaries.
        assertThat(p.canaries().messages()).containsExactly("heron-7731");
        assertThat(p.canaries().strings()).containsExactly("heron-7731");
        assertThat(p.warnings()).hasSize(2).allMatch(w -> w.contains("duplicate"));
        assertThat(p.warnings().get(0)).startsWith("device.yaml line 5: duplicate contact");
        assertThat(p.warnings().get(1)).startsWith("device.yaml line 11: duplicate location");
    }

    @Test
    void tooLongValueIsAnError() {
        String yaml = "device:\n  identifiers:\n    serial: ok1234\n    account_id: '" + "x".repeat(2000) + "'\n";
        assertThat(error(yaml).getMessage())
                .isEqualTo("device.yaml line 4: account_id is 2000 characters long; the limit is 1024");
    }

    @Test
    void tooManyValuesIsAnError() {
        StringBuilder yaml = new StringBuilder("device:\n  canaries:\n");
        for (int i = 0; i <= ProfileLimits.MAX_VALUES; i++) {
            yaml.append("    - PHCANARY-").append(i).append('\n');
        }
        assertThat(error(yaml.toString()).getMessage())
                .isEqualTo("device.yaml line 1003: too many values: a profile holds at most 1000");
    }

    @Test
    void aliasesAreRefused() {
        assertThat(error("device:\n  identifiers:\n    serial: &s abcdef12\n    account_id: *s\n").getMessage())
                .isEqualTo("device.yaml line 4: YAML aliases (*s) are not supported; write the value out");
    }

    @Test
    void contactsAndLocationsNeedTheirFields() {
        assertThat(error("device:\n  canaries:\n    contacts: [{note: x}]\n").getMessage())
                .isEqualTo("device.yaml line 3: a contact needs a name or a phone");
        assertThat(error("device:\n  canaries:\n    locations: [{lat: 1}]\n").getMessage())
                .isEqualTo("device.yaml line 3: a location needs both lat and lon");
        assertThat(error("device:\n  canaries:\n    locations: [{lat: north, lon: 1}]\n").getMessage())
                .isEqualTo("device.yaml line 3: lat must be a decimal number of degrees");
    }

    @Test
    void valuesTooShortToFindWarn() throws ProfileException {
        DeviceProfile p = load("device:\n  identifiers:\n    serial: abcd\n  canaries:\n    contacts: [{name: Li}]\n");
        assertThat(p.warnings()).containsExactly(
                "device.yaml line 3: serial 'abcd' is shorter than 6 bytes: too common to look for",
                "device.yaml line 5: contact name 'Li' is shorter than 6 bytes: too common to look for");
    }

    @Test
    void warningsAreInLineOrder() throws ProfileException {
        DeviceProfile p = load("""
                device:
                  identifiers:
                    imsi: '123001234567890'
                  region: XX
                """);
        assertThat(p.warnings()).extracting(w -> w.substring(0, "device.yaml line 3".length()))
                .isEqualTo(List.of("device.yaml line 3", "device.yaml line 4"));
    }
}
