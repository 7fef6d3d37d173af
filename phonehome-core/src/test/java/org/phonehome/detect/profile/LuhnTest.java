package org.phonehome.detect.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LuhnTest {

    @Test
    void imeiWithRightCheckDigitPasses() {
        assertThat(Luhn.isValid("864048021234566")).isTrue();
    }

    @Test
    void imeiWithWrongCheckDigitFails() {
        assertThat(Luhn.isValid("864048021234563")).isFalse();
    }

    @Test
    void checkDigitOfImeiBody() {
        assertThat(Luhn.checkDigit("86404802123456")).isEqualTo(6);
        // the worked example of ISO/IEC 7812-1 Annex B / GSMA TS.06: 49015420323751 -> 8
        assertThat(Luhn.checkDigit("49015420323751")).isEqualTo(8);
    }

    @Test
    void nonDigitsAreNeverValid() {
        assertThat(Luhn.isValid("86404802123456x")).isFalse();
        assertThat(Luhn.isValid("")).isFalse();
        assertThat(Luhn.isValid("0")).isFalse();
    }

    @Test
    void checkDigitRefusesNonDigits() {
        assertThatThrownBy(() -> Luhn.checkDigit("12a")).isInstanceOf(IllegalArgumentException.class);
    }
}
