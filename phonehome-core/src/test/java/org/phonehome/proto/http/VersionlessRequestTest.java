package org.phonehome.proto.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;

/** Request lines without a valid version, as Zeek's and Wireshark's test traces have them, are still requests. */
class VersionlessRequestTest {

    private final List<HttpRequest> requests = new ArrayList<>();
    private final List<String> anomalies = new ArrayList<>();

    private void feed(String text) {
        HttpParser p = new HttpParser(new HttpSink() {
            @Override
            public void request(HttpRequest r) {
                requests.add(r);
            }

            @Override
            public void response(HttpResponse r) {
            }

            @Override
            public void anomaly(String name) {
                anomalies.add(name);
            }

            @Override
            public void tunnel(Direction direction, StreamChunk chunk) {
            }
        });
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        p.data(Direction.OUTBOUND, new StreamChunk(b, 0, b.length, 0, 1, 0));
        p.end();
    }

    @Test
    void methodAndTargetWithoutVersion() {
        feed("GET /HTTP/1.1\nHost: www.google.com\n\n");
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.target()).isEqualTo("/HTTP/1.1");
            assertThat(r.version()).isEmpty();
        });
        assertThat(anomalies).contains(HttpAnomalies.REQUEST_WITHOUT_VERSION);
    }

    @Test
    void mangledVersionKeepsTheTarget() {
        feed("CCM_POST / HTTP/1.\nHost: www.google.com\n\n");
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("CCM_POST");
            assertThat(r.target()).isEqualTo("/");
        });
    }

    @Test
    void bareWellKnownMethod() {
        feed("OPTIONS\nHost: www.google.com\n\n");
        assertThat(requests).singleElement().satisfies(r -> assertThat(r.target()).isEmpty());
    }

    @Test
    void bareUnknownWordIsNotARequest() {
        feed("HELLO\nthere\n\n");
        assertThat(requests).isEmpty();
    }
}
