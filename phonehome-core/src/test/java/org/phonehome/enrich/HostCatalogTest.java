package org.phonehome.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Host catalog: the bundled list, the matching rules, the user's file over it, and bad files. */
class HostCatalogTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "api.account.xiaomi.com        | api.account.xiaomi.com          | Xiaomi    | account",
        "API.Account.Xiaomi.COM.       | api.account.xiaomi.com          | Xiaomi    | account",
        "login.account.xiaomi.com      | *.account.xiaomi.com            | Xiaomi    | account",
        "xiaomi.com                    | xiaomi.com                      | Xiaomi    | content",
        "foo.bar.xiaomi.com            | *.xiaomi.com                    | Xiaomi    | other",
        "sdkconfig.ad.xiaomi.com       | *.ad.xiaomi.com                 | Xiaomi    | ads",
        "a.b.ad.xiaomi.com             | *.ad.xiaomi.com                 | Xiaomi    | ads",
        "api.ad.xiaomi.com             | api.ad.xiaomi.com               | Xiaomi    | ads",
        "tracking.intl.miui.com        | tracking.*.miui.com             | Xiaomi    | telemetry",
        "tracking.rus.miui.com         | tracking.*.miui.com             | Xiaomi    | telemetry",
        "tracking.a.b.miui.com         | tracking.*.miui.com             | Xiaomi    | telemetry",
        "abc.tracking.intl.miui.com    | *.tracking.intl.miui.com        | Xiaomi    | telemetry",
        "update.miui.com               | update.miui.com                 | Xiaomi    | ota",
        "www.miui.com                  | *.miui.com                      | Xiaomi    | other",
        "miui.com                      | -                               | -         | -",
        "notxiaomi.com                 | -                               | -         | -",
        "xiaomi.com.evil.example       | -                               | -         | -",
        "mtalk.google.com              | mtalk.google.com                | Google    | push",
        "mtalk4.google.com             | mtalk*.google.com               | Google    | push",
        "alt3-mtalk.google.com         | alt*-mtalk.google.com           | Google    | push",
        "www.google.com:443            | *.google.com                    | Google    | other",
        "www.googleapis.com            | *.googleapis.com                | Google    | api",
        "firebaselogging-pa.googleapis.com | firebaselogging*.googleapis.com | Google | telemetry",
        "firebaselogging.googleapis.com | firebaselogging*.googleapis.com | Google   | telemetry",
        "stats.g.doubleclick.net       | *.doubleclick.net               | Google    | ads",
        "region1.app-measurement.com   | *.app-measurement.com           | Google    | analytics",
        "settings.crashlytics.com      | *.crashlytics.com               | Google    | crash_reporting",
        "graph.facebook.com            | graph.facebook.com              | Meta      | api",
        "alog.umeng.com                | *.umeng.com                     | Alibaba (Umeng) | analytics",
        "www.baidu.com                 | *.baidu.com                     | Baidu     | other",
        "metrics1.data.hicloud.com     | metrics*.data.hicloud.com       | Huawei    | analytics",
        "a.metrics.data.hicloud.com    | *.metrics.data.hicloud.com      | Huawei    | analytics",
        "courier.push.apple.com        | *.push.apple.com                | Apple     | push",
        "e1234.a.akamaiedge.net        | *.akamaiedge.net                | Akamai    | cdn",
        "example.org                   | -                               | -         | -",
        "8.8.8.8                       | -                               | -         | -",
        "[2001:db8::1]:443             | -                               | -         | -",
        "bad..name.xiaomi.com          | -                               | -         | -"})
    void bundledList(String host, String pattern, String organisation, String purpose) {
        HostCatalog.Entry e = HostCatalog.bundled().match(host);
        if (pattern == null) {
            assertThat(e).isNull();
            return;
        }
        assertThat(e).isNotNull();
        assertThat(e.pattern()).isEqualTo(pattern);
        assertThat(e.organisation()).isEqualTo(organisation);
        assertThat(e.purpose()).isEqualTo(purpose);
        assertThat(e.origin()).startsWith("bundled hosts.tsv:");
    }

    private static final String RULES = String.join("\n",
            "# rules of matching, on made-up names",
            "*.example.com\tEx\tany subdomain\tother\tt",
            "a.*.example.com\tEx\ta dot anything\tother\tt",
            "a.b.example.com\tEx\texact\tother\tt",
            "*.*.example.com\tEx\ttwo or more labels\tother\tt",
            "ab*cd.example.com\tEx\tglob in a label\tother\tt",
            "*\tAnyone\tcatch-all\tother\tt",
            "");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "-", value = {
        "a.b.example.com, exact",
        "a.c.example.com, a dot anything",
        "a.c.d.example.com, a dot anything",
        "x.a.c.example.com, two or more labels",
        "x.example.com, any subdomain",
        "abcd.example.com, glob in a label",
        "abXYZcd.example.com, glob in a label",
        "abX.cd.example.com, two or more labels",
        "example.com, catch-all",
        "org, catch-all"})
    void mostSpecificPatternWins(String host, String service) throws Exception {
        HostCatalog c = HostCatalog.parse(new StringReader(RULES), "rules.tsv");
        assertThat(c.match(host).service()).isEqualTo(service);
    }

    @Test
    void theUserFileTakesPrecedence() throws Exception {
        Path user = Files.writeString(tmp.resolve("my-hosts.tsv"), String.join("\n",
                "# my own names",
                "*.xiaomi.com\tXiaomi (my label)\tanything Xiaomi\ttelemetry\t",
                "tracker.example.net\tExample Tracking\tbeacon\tanalytics\tmy notes",
                ""));
        HostCatalog c = HostCatalog.bundledWith(user);
        HostCatalog.Entry e = c.match("api.account.xiaomi.com"); // more specific in the bundled list, still ours
        assertThat(e.organisation()).isEqualTo("Xiaomi (my label)");
        assertThat(e.source()).isEqualTo(user + ":2"); // no source given: the file and line
        assertThat(c.match("tracker.example.net").source()).isEqualTo("my notes");
        assertThat(c.match("mtalk.google.com").organisation()).isEqualTo("Google"); // not in the user file
        assertThat(c.size()).isEqualTo(HostCatalog.bundled().size() + 2);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "x.example.com\tEx\tsvc                      | :1: expected 5 tab-separated columns",
        "x.example.com\tEx\tsvc\tspying\tsrc         | :1: unknown purpose 'spying'",
        "x..example.com\tEx\tsvc\tother\tsrc         | :1: 'x..example.com' is not a host pattern",
        "exa mple.com\tEx\tsvc\tother\tsrc           | :1: 'exa mple.com' is not a host pattern",
        "**.example.com\tEx\tsvc\tother\tsrc         | :1: '**.example.com' is not a host pattern",
        "x.example.com\t\tsvc\tother\tsrc            | :1: organisation and service must not be empty"})
    void aBadLineIsNamed(String line, String message) throws Exception {
        Path f = Files.writeString(tmp.resolve("bad.tsv"), line.replace("\\t", "\t") + "\n");
        assertThatThrownBy(() -> HostCatalog.read(f)).isInstanceOf(HostCatalogException.class)
                .hasMessageStartingWith(f + message.strip());
    }

    @Test
    void aDuplicatePatternIsNamedWithBothLines() throws Exception {
        Path f = Files.writeString(tmp.resolve("dup.tsv"),
                "x.example.com\tA\ts\tother\t\n# note\nX.Example.com\tB\ts\tother\t\n");
        assertThatThrownBy(() -> HostCatalog.read(f)).isInstanceOf(HostCatalogException.class)
                .hasMessage(f + ":3: pattern x.example.com is already listed on line 1");
    }

    @Test
    void aMissingFileIsNamed() {
        Path f = tmp.resolve("none.tsv");
        assertThatThrownBy(() -> HostCatalog.bundledWith(f)).isInstanceOf(HostCatalogException.class)
                .hasMessage(f + ": no such file");
    }

    @Test
    void everyBundledEntryNamesADocumentedSource() throws Exception {
        List<String> lines = GeoKnownAddressesTest.resourceLines(HostCatalog.BUNDLED);
        assertThat(lines.get(0)).startsWith("# phonehome host catalog");
        assertThat(String.join("\n", lines)).contains("Licence: MIT");
        Set<String> sources = Set.of("vendor-docs", "leith-2021", "maintainers");
        long entries = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .peek(l -> assertThat(l.split("\t")[4]).as(l).isIn(sources)).count();
        assertThat(entries).isEqualTo(HostCatalog.bundled().size()).isGreaterThan(200);
    }
}
