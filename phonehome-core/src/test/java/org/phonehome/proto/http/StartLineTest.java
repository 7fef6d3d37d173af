package org.phonehome.proto.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StartLineTest {

    private static StartLine request(String line) {
        byte[] b = ("<" + line + ">").getBytes(StandardCharsets.ISO_8859_1);
        return StartLine.parseRequest(b, 1, b.length - 1);
    }

    private static StartLine status(String line) {
        byte[] b = ("<" + line + ">").getBytes(StandardCharsets.ISO_8859_1);
        return StartLine.parseStatus(b, 1, b.length - 1);
    }

    @Test
    void requestLinesGiveTheirMethodTargetAndVersionAsSent() {
        assertThat(request("GET /a?b=c HTTP/1.1")).extracting(StartLine::method, StartLine::target,
                StartLine::version).containsExactly("GET", "/a?b=c", "HTTP/1.1");
        assertThat(request("POST /f HTTP/1.0")).extracting(StartLine::method, StartLine::version)
                .containsExactly("POST", "HTTP/1.0");
        assertThat(request("GETS / HTTP/1.1").method()).isEqualTo("GETS");
        assertThat(request("GE / HTTP/1.1").method()).isEqualTo("GE");
        assertThat(request("POSH / HTTP/1.1").method()).isEqualTo("POSH");
        assertThat(request("PUT / HTTP/1.1").method()).isEqualTo("PUT");
        assertThat(request("M-SEARCH * HTTP/1.1").method()).isEqualTo("M-SEARCH");
        assertThat(request("GET / HTTP/1.2")).isNull();
    }

    @Test
    void statusLinesGiveTheirVersionCodeAndReasonAsSent() {
        assertThat(status("HTTP/1.1 200 OK")).extracting(StartLine::version, StartLine::status, StartLine::reason)
                .containsExactly("HTTP/1.1", 200, "OK");
        assertThat(status("HTTP/1.0 404 Not Found")).extracting(StartLine::version, StartLine::reason)
                .containsExactly("HTTP/1.0", "Not Found");
        assertThat(status("HTTP/1.1 200 OKAY").reason()).isEqualTo("OKAY");
        assertThat(status("HTTP/1.1 200 Ok").reason()).isEqualTo("Ok");
        assertThat(status("HTTP/1.1 200 O").reason()).isEqualTo("O");
        assertThat(status("HTTP/1.1 200  OK ").reason()).isEqualTo("OK");
        assertThat(status("HTTP/1.1 204").reason()).isEmpty();
    }
}
