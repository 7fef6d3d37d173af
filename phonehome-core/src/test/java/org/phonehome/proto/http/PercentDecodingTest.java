package org.phonehome.proto.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PercentDecodingTest {

    private static String decode(String framed, int from, int to, boolean plusIsSpace) {
        byte[] b = framed.getBytes(StandardCharsets.ISO_8859_1);
        return new String(PercentDecoding.decode(b, from, to, plusIsSpace), StandardCharsets.ISO_8859_1);
    }

    private static String decode(String s, boolean plusIsSpace) {
        return decode("<" + s + ">", 1, s.length() + 1, plusIsSpace);
    }

    @Test
    void escapesAnywhereInTheRangeAreUndoneInEitherCase() {
        assertThat(decode("%41bc", false)).isEqualTo("Abc");
        assertThat(decode("a%2cb%2Cc", false)).isEqualTo("a,b,c");
        assertThat(decode("abc%7e", false)).isEqualTo("abc~");
        assertThat(decode("%e4%B8%ad", false)).isEqualTo("\u00e4\u00b8\u00ad");
    }

    @Test
    void badOrCutEscapesStayAsSent() {
        assertThat(decode("%zz%4g%", false)).isEqualTo("%zz%4g%");
        assertThat(decode("ab%4", false)).isEqualTo("ab%4");
        assertThat(decode("%%41", false)).isEqualTo("%A");
    }

    @Test
    void anEscapeIsNotReadPastTheEndOfTheRange() {
        // The bytes after the range would complete the escape; they are not the field's.
        assertThat(decode("x%41", 0, 3, false)).isEqualTo("x%4");
        assertThat(decode("ab%41", 1, 4, false)).isEqualTo("b%4");
    }

    @Test
    void plusIsASpaceOnlyInForms() {
        assertThat(decode("a+b+%2B", true)).isEqualTo("a b +");
        assertThat(decode("+", true)).isEqualTo(" ");
        assertThat(decode("a+b+%2B", false)).isEqualTo("a+b++");
    }

    @Test
    void bytesWithNothingToDecodeComeBackAsACopyOfTheRange() {
        byte[] b = "x=imei&y".getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = PercentDecoding.decode(b, 2, 6, true);
        assertThat(new String(out, StandardCharsets.ISO_8859_1)).isEqualTo("imei");
        out[0] = 'I';
        assertThat(b[2]).isEqualTo((byte) 'i');
        assertThat(PercentDecoding.decode(b, 3, 3, true)).isEmpty();
    }
}
