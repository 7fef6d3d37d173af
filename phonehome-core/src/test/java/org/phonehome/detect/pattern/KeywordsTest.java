package org.phonehome.detect.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeywordsTest {
    private static final Keywords PHONE = PhoneDetector.KEYS;
    private static final Keywords MAC = MacDetector.KEYS;

    /** The rule as written before the search was made allocation-free: lower-case the text, then look. */
    private static String reference(List<String> anywhere, List<String> whole, String text) {
        if (text.isEmpty()) {
            return null;
        }
        String lower = Ascii.lower(text);
        for (String word : anywhere) {
            if (lower.contains(word)) {
                return word;
            }
        }
        for (String word : whole) {
            for (int i = lower.indexOf(word); i >= 0; i = lower.indexOf(word, i + 1)) {
                if (Ascii.isWordAt(text, i, word.length())) {
                    return word;
                }
            }
        }
        return null;
    }

    @Test
    void prefersTheEarlierWordWhereverItIs() {
        assertThat(PHONE.in("tel_mobile")).isEqualTo("mobile");
        assertThat(PHONE.in("x_TEL")).isEqualTo("tel");
        assertThat(PHONE.in("hotel")).isNull(); // a whole word inside another
        assertThat(PHONE.in("hotelTel")).isEqualTo("tel"); // across a camelCase boundary
        assertThat(PHONE.in("senderAddr")).isEqualTo("sender");
        assertThat(MAC.in("wifiMac")).isEqualTo("wifi");
        assertThat(MAC.in("machine")).isNull();
        assertThat(MAC.in("")).isNull();
        assertThat(MAC.in("m")).isNull();
    }

    @Test
    void answersAsTheLowerCasingSearchOnRandomText() {
        List<List<List<String>>> sets = List.of(
                List.of(List.of("phone", "mobile", "msisdn", "number", "sender", "address"), List.of("tel", "addr")),
                List.of(List.of("bssid", "wifi", "wlan", "bluetooth"), List.of("mac", "bt")),
                List.of(List.of("gaid", "adid", "aaid", "idfa", "advertising", "ad_id", "oaid"), List.of()));
        // Letters of the words in both cases, separators, digits and a non-ASCII letter.
        char[] alphabet = "telTELaddrADDRmacMACbtBTphonePHONEsenderidfaAD_ID_-.0 9\u00e9".toCharArray();
        Random random = new Random(7);
        for (List<List<String>> set : sets) {
            Keywords keys = new Keywords(set.get(0), set.get(1));
            for (int n = 0; n < 20_000; n++) {
                StringBuilder sb = new StringBuilder();
                int length = random.nextInt(24);
                for (int i = 0; i < length; i++) {
                    sb.append(alphabet[random.nextInt(alphabet.length)]);
                }
                if (random.nextInt(4) == 0) {
                    List<String> words = keys.words();
                    sb.insert(random.nextInt(sb.length() + 1), words.get(random.nextInt(words.size())));
                }
                String text = sb.toString();
                assertThat(keys.in(text)).as(text).isEqualTo(reference(set.get(0), set.get(1), text));
            }
        }
    }

    @Test
    void tellsWhereAWordMayStartInEitherCase() {
        byte[] b = "x=TeLno&Phqz".getBytes(StandardCharsets.US_ASCII);
        Part part = new Part(b, 0, b.length, null);
        assertThat(PHONE.mayStartAt(part, 2)).isTrue(); // "Te" of tel
        assertThat(PHONE.mayStartAt(part, 8)).isTrue(); // "Ph" of phone
        assertThat(PHONE.mayStartAt(part, 9)).isFalse(); // "hq": letters, but no word starts so
        assertThat(PHONE.mayStartAt(part, 11)).isFalse(); // "z" and the end
        assertThat(PHONE.mayStartAt(part, 0)).isFalse(); // "x="
    }

    @Test
    void refusesWordsTheSearchCannotFind() {
        assertThatThrownBy(() -> new Keywords(List.of("Tel"), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Keywords(List.of(), List.of("_id"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Keywords(List.of("t"), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
