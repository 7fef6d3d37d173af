package org.phonehome.proto.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderNamesTest {

    private static String of(String line, int from, int to) {
        return HeaderNames.of(line.getBytes(StandardCharsets.ISO_8859_1), from, to);
    }

    @Test
    void aKnownNameIsTheSharedStringWhereverItStandsInTheLine() {
        String host = of("Host", 0, 4);
        assertThat(host).isEqualTo("Host");
        assertThat(of("xxHost: y", 2, 6)).isSameAs(host);
        assertThat(of("Content-Length: 5", 0, 14)).isEqualTo("Content-Length").isSameAs(of("Content-Length", 0, 14));
    }

    @Test
    void otherSpellingsAndUnknownNamesAreReadAsSent() {
        assertThat(of("HOST", 0, 4)).isEqualTo("HOST");
        assertThat(of("Hosts", 0, 5)).isEqualTo("Hosts");
        assertThat(of("Hast", 0, 4)).isEqualTo("Hast");
        assertThat(of("X-Imei", 0, 6)).isEqualTo("X-Imei");
        assertThat(of("Host", 0, 3)).isEqualTo("Hos");
        assertThat(of("Host", 2, 2)).isEmpty();
        assertThat(of("\u00e9tag", 0, 4)).isEqualTo("\u00e9tag");
    }

    @Test
    void aPrefixOrExtensionOfAKnownNameIsNotTakenForIt() {
        for (String known : new String[] {"Accept-Encoding", "Content-Length", "Content-Type", "Host", "User-Agent",
            "Set-Cookie", "Transfer-Encoding", "Connection", "Cache-Control", "accept-language", "X-Forwarded-For"}) {
            for (int n = 1; n < known.length(); n++) {
                assertThat(of(known, 0, n)).isEqualTo(known.substring(0, n));
            }
            assertThat(of(known + "s", 0, known.length() + 1)).isEqualTo(known + "s");
        }
    }

    @Test
    void headersAreFoundByNameInAnyCaseWhetherTheirNameIsSharedOrNot() {
        assertThat(new HttpHeader(of("Content-Length", 0, 14), "5").is("content-length")).isTrue();
        assertThat(new HttpHeader(of("CONTENT-LENGTH", 0, 14), "5").is("Content-Length")).isTrue();
        assertThat(new HttpHeader(of("Content-Type", 0, 12), "5").is("Content-Length")).isFalse();
    }
}
