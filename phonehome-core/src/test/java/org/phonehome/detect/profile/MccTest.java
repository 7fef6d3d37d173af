package org.phonehome.detect.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MccTest {

    @ParameterizedTest(name = "{0} known={1}")
    @CsvSource({
        "460, true",   // China
        "310, true",   // United States
        "234, true",   // United Kingdom
        "262, true",   // Germany
        "001, true",   // test networks
        "901, true",   // international
        "100, false",
        "000, false",
        "999, true",   // internal use
        "123, false",
    })
    void knownMccs(String mcc, boolean known) {
        assertThat(Mcc.isKnown(Integer.parseInt(mcc))).isEqualTo(known);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "460001234567890, true",
        "123451234567890, false",
        "46, false",
        "4a0001234567890, false",
    })
    void imsiPrefix(String imsi, boolean known) {
        assertThat(Mcc.imsiHasKnownMcc(imsi)).isEqualTo(known);
    }
}
