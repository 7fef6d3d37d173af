package org.phonehome.detect.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64FragmentsTest {

    @Test
    void alignmentZeroOfWholeGroupsIsTheWholeEncoding() {
        byte[] value = "abcdef".getBytes(StandardCharsets.US_ASCII);
        assertThat(Base64Fragments.fragment(value, 0, false)).isEqualTo(Base64.getEncoder().encodeToString(value));
    }

    @Test
    void partialCharactersAreDropped() {
        byte[] value = "abcd".getBytes(StandardCharsets.US_ASCII); // YWJjZA==
        assertThat(Base64Fragments.fragment(value, 0, false)).isEqualTo("YWJjZ");
        // "x" + "abcd" = eGFiY2Q= : characters 2.. wholly from the value: "FiY2"
        assertThat(Base64Fragments.fragment(value, 1, false)).isEqualTo("FiY2");
        // "xy" + "abcd" = eHlhYmNk : characters 3.. : "hYmNk"
        assertThat(Base64Fragments.fragment(value, 2, false)).isEqualTo("hYmNk");
    }

    @Test
    void urlAlphabet() {
        byte[] value = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf, (byte) 0xfb, (byte) 0xff, (byte) 0xbf};
        assertThat(Base64Fragments.fragment(value, 0, true)).isEqualTo("-_-_-_-_");
        assertThat(Base64Fragments.fragment(value, 0, false)).isEqualTo("+/+/+/+/");
    }

    @Test
    void oneOfTheThreeFragmentsIsInAnyEnclosingEncoding() {
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            byte[] value = VariantGeneratorTest.randomBytes(random, 3 + random.nextInt(30));
            byte[] prefix = VariantGeneratorTest.randomBytes(random, random.nextInt(10));
            byte[] suffix = VariantGeneratorTest.randomBytes(random, random.nextInt(10));
            byte[] whole = VariantGeneratorTest.concat(prefix, value, suffix);
            for (boolean url : new boolean[] {false, true}) {
                String encoded = url ? Base64.getUrlEncoder().withoutPadding().encodeToString(whole)
                        : Base64.getEncoder().encodeToString(whole);
                String expected = Base64Fragments.fragment(value, prefix.length % 3, url);
                assertThat(encoded).as("round %d prefix %d url %s", round, prefix.length, url).contains(expected);
            }
        }
    }
}
