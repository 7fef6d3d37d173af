package org.phonehome.proto.http2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 7541 appendix C examples, and hostile blocks. */
class HpackDecoderTest {
    private static final String DATE1 = "Mon, 21 Oct 2013 20:13:21 GMT";
    private static final String DATE2 = "Mon, 21 Oct 2013 20:13:22 GMT";
    private static final String LOC = "https://www.example.com";
    private static final String COOKIE = "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";

    private static Http2Header h(String n, String v) {
        return new Http2Header(n, v);
    }

    private static List<Http2Header> ok(HpackDecoder d, String hex) {
        HpackDecoder.Result r = d.decode(HexFormat.of().parseHex(hex));
        assertThat(r.error()).isNull();
        return r.headers();
    }

    private static String error(String hex) {
        return new HpackDecoder().decode(HexFormat.of().parseHex(hex)).error();
    }

    // C.2.1 Literal Header Field with Indexing
    @Test
    void c21LiteralWithIndexing() {
        HpackDecoder d = new HpackDecoder();
        assertThat(ok(d, "400a637573746f6d2d6b65790d637573746f6d2d686561646572"))
                .containsExactly(h("custom-key", "custom-header"));
        assertThat(d.tableSize()).isEqualTo(55);
    }

    // C.2.2 Literal Header Field without Indexing
    @Test
    void c22LiteralWithoutIndexing() {
        HpackDecoder d = new HpackDecoder();
        assertThat(ok(d, "040c2f73616d706c652f70617468")).containsExactly(h(":path", "/sample/path"));
        assertThat(d.tableEntries()).isEmpty();
    }

    // C.2.3 Literal Header Field Never Indexed
    @Test
    void c23LiteralNeverIndexed() {
        HpackDecoder d = new HpackDecoder();
        assertThat(ok(d, "100870617373776f726406736563726574")).containsExactly(h("password", "secret"));
        assertThat(d.tableEntries()).isEmpty();
    }

    // C.2.4 Indexed Header Field
    @Test
    void c24Indexed() {
        HpackDecoder d = new HpackDecoder();
        assertThat(ok(d, "82")).containsExactly(h(":method", "GET"));
        assertThat(d.tableEntries()).isEmpty();
    }

    private static final List<Http2Header> REQ1 = List.of(h(":method", "GET"), h(":scheme", "http"), h(":path", "/"),
            h(":authority", "www.example.com"));
    private static final List<Http2Header> REQ3 = List.of(h(":method", "GET"), h(":scheme", "https"),
            h(":path", "/index.html"), h(":authority", "www.example.com"), h("custom-key", "custom-value"));

    private static void requests(String first, String second, String third) {
        HpackDecoder d = new HpackDecoder();
        assertThat(ok(d, first)).isEqualTo(REQ1);
        assertThat(d.tableEntries()).containsExactly(h(":authority", "www.example.com"));
        assertThat(d.tableSize()).isEqualTo(57);
        assertThat(ok(d, second)).containsExactly(h(":method", "GET"), h(":scheme", "http"), h(":path", "/"),
                h(":authority", "www.example.com"), h("cache-control", "no-cache"));
        assertThat(d.tableSize()).isEqualTo(110);
        assertThat(ok(d, third)).isEqualTo(REQ3);
        assertThat(d.tableEntries()).containsExactly(h("custom-key", "custom-value"), h("cache-control", "no-cache"),
                h(":authority", "www.example.com"));
        assertThat(d.tableSize()).isEqualTo(164);
    }

    // C.3 Request Examples without Huffman Coding
    @Test
    void c3RequestsWithoutHuffman() {
        requests("828684410f7777772e6578616d706c652e636f6d",
                "828684be58086e6f2d6361636865",
                "828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565");
    }

    // C.4 Request Examples with Huffman Coding
    @Test
    void c4RequestsWithHuffman() {
        requests("828684418cf1e3c2e5f23a6ba0ab90f4ff",
                "828684be5886a8eb10649cbf",
                "828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf");
    }

    private static void responses(String first, String second, String third) {
        HpackDecoder d = new HpackDecoder();
        d.setMaxTableSize(256); // the examples run with SETTINGS_HEADER_TABLE_SIZE 256
        d.decode(new byte[] {(byte) 0x3f, (byte) 0xe1, 0x01}); // size update to 256 (as the encoder would send)
        assertThat(ok(d, first)).containsExactly(h(":status", "302"), h("cache-control", "private"), h("date", DATE1),
                h("location", LOC));
        assertThat(d.tableEntries()).containsExactly(h("location", LOC), h("date", DATE1),
                h("cache-control", "private"), h(":status", "302"));
        assertThat(d.tableSize()).isEqualTo(222);
        assertThat(ok(d, second)).containsExactly(h(":status", "307"), h("cache-control", "private"),
                h("date", DATE1), h("location", LOC));
        assertThat(d.tableEntries()).containsExactly(h(":status", "307"), h("location", LOC), h("date", DATE1),
                h("cache-control", "private"));
        assertThat(d.tableSize()).isEqualTo(222);
        assertThat(ok(d, third)).containsExactly(h(":status", "200"), h("cache-control", "private"),
                h("date", DATE2), h("location", LOC), h("content-encoding", "gzip"), h("set-cookie", COOKIE));
        assertThat(d.tableEntries()).containsExactly(h("set-cookie", COOKIE), h("content-encoding", "gzip"),
                h("date", DATE2));
        assertThat(d.tableSize()).isEqualTo(215);
    }

    // C.5 Response Examples without Huffman Coding (table 256, evictions)
    @Test
    void c5ResponsesWithoutHuffman() {
        responses("4803333032580770726976617465611d4d6f6e2c203231204f637420323031332032303a31333a323120474d54"
                        + "6e1768747470733a2f2f7777772e6578616d706c652e636f6d",
                "4803333037c1c0bf",
                "88c1611d4d6f6e2c203231204f637420323031332032303a31333a323220474d54c05a04677a69707738666f6f"
                        + "3d4153444a4b48514b425a584f5157454f50495541585157454f49553b206d61782d6167653d333630303b2076"
                        + "657273696f6e3d31");
    }

    // C.6 Response Examples with Huffman Coding (table 256, evictions)
    @Test
    void c6ResponsesWithHuffman() {
        responses("488264025885aec3771a4b6196d07abe941054d444a8200595040b8166e082a62d1bff6e919d29ad171863c78f"
                        + "0b97c8e9ae82ae43d3",
                "4883640effc1c0bf",
                "88c16196d07abe941054d444a8200595040b8166e084a62d1bffc05a839bd9ab77ad94e7821dd7f2e6c7b335df"
                        + "dfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007");
    }

    @Test
    void indexOutOfRangeIsAnError() {
        assertThat(error("80")).contains("index 0");
        assertThat(error("be")).contains("beyond the table"); // dynamic index 62 on an empty table
        assertThat(error("ffffffffffffff7f")).contains("overflow");
    }

    @Test
    void tableSizeUpdateRules() {
        assertThat(error("3fe21f")).contains("above 4096"); // 4097
        assertThat(error("823f00")).contains("after a header field");
        HpackDecoder d = new HpackDecoder();
        ok(d, "400a637573746f6d2d6b65790d637573746f6d2d686561646572");
        ok(d, "20");
        assertThat(d.tableEntries()).isEmpty();
        d.setMaxTableSize(Integer.MAX_VALUE);
        assertThat(d.decode(HexFormat.of().parseHex("3fe2ff03")).error()).contains("above"); // 65537 > our 64 KiB cap
    }

    @Test
    void huffmanPaddingAndEosErrors() {
        // literal without indexing, new name "a" raw, value Huffman: 0x1f is 'a' (00011) padded with ones
        assertThat(new HpackDecoder().decode(HexFormat.of().parseHex("000161811f")).headers())
                .containsExactly(h("a", "a"));
        assertThat(error("0001618118")).contains("Huffman"); // padded with zeros
        assertThat(error("00016184ffffffff")).contains("Huffman"); // carries EOS
        assertThat(error("00016182" + "1fff")).contains("Huffman"); // padding longer than 7 bits
    }

    @Test
    void truncatedBlocksAreErrors() {
        assertThat(error("400a637573746f6d2d6b6579")).isNotNull();
        assertThat(error("40")).isNotNull();
        assertThat(error("0f")).isNotNull();
    }

    @Test
    void seededRandomBlocksNeverThrow() {
        Random r = new Random(20261126);
        HpackDecoder d = new HpackDecoder();
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(64)];
            r.nextBytes(b);
            HpackDecoder.Result res = (i % 7 == 0 ? new HpackDecoder() : d).decode(b);
            assertThat(res).isNotNull();
            assertThat(d.tableSize()).isLessThanOrEqualTo(Http2Limits.MAX_HEADER_TABLE_SIZE);
        }
    }

    @Test
    void huffmanCodesMatchTheRfcTable() {
        // spot checks against RFC 7541 appendix B
        assertThat(HpackHuffman.CODES['0']).isEqualTo(0x0);
        assertThat(HpackHuffman.CODE_LENGTHS['0']).isEqualTo(5);
        assertThat(HpackHuffman.CODES[' ']).isEqualTo(0x14);
        assertThat(HpackHuffman.CODES[0]).isEqualTo(0x1ff8);
        assertThat(HpackHuffman.CODES[10]).isEqualTo(0x3ffffffc);
        assertThat(HpackHuffman.CODES[255]).isEqualTo(0x3ffffee);
        assertThat(HpackHuffman.CODES[HpackHuffman.EOS]).isEqualTo(0x3fffffff);
    }
}
