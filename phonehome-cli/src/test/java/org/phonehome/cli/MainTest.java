package org.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The start-up guess of whether the bundled geography will be read, which decides whether to read it early, and
 * where its copies are kept.
 */
class MainTest {

    @Test
    void anAuditWithTheBundledGeographyReadsItEarly() {
        assertThat(Main.mayReadBundledGeography(new String[] {"audit", "a.pcap"})).isTrue();
        assertThat(Main.mayReadBundledGeography(new String[] {"--debug", "audit", "a.pcap", "--geo-asn", "x"}))
                .isTrue();
    }

    @Test
    void otherCommandsAndAnAuditWithBothOwnDatabasesDoNot() {
        assertThat(Main.mayReadBundledGeography(new String[] {"canary", "--out", "d"})).isFalse();
        assertThat(Main.mayReadBundledGeography(new String[] {"--help"})).isFalse();
        assertThat(Main.mayReadBundledGeography(
                new String[] {"audit", "a.pcap", "--geo-country=c.mmdb", "--geo-asn", "a.mmdb"})).isFalse();
    }

    @Test
    void anAuditWithAProfileStartsItsLibrariesEarly() {
        assertThat(Main.mayReadProfile(new String[] {"audit", "a.pcap", "--device", "d.yaml"})).isTrue();
        assertThat(Main.mayReadProfile(new String[] {"audit", "--device=d.yaml", "a.pcap"})).isTrue();
        assertThat(Main.mayReadProfile(new String[] {"audit", "a.pcap"})).isFalse();
        assertThat(Main.mayReadProfile(new String[] {"canary", "--device", "d.yaml"})).isFalse();
    }

    @Test
    void copiesAreKeptOnlyNextToAJar() {
        // the tests load Main from target/classes, a folder: nothing is kept there
        assertThat(Main.class.getProtectionDomain().getCodeSource().getLocation().getPath()).endsWith("/");
        assertThat(Main.jarFolder()).isNull();
    }

    @Test
    void onlyTheNamedSubcommandIsBuiltAndAllOfThemOtherwise() {
        assertThat(PhonehomeCommand.subcommandsFor(new String[] {"audit", "a.pcap", "--json", "diff"}))
                .containsExactly(AuditCommand.class);
        assertThat(PhonehomeCommand.subcommandsFor(new String[] {"--debug", "canary", "--out", "d"}))
                .containsExactly(CanaryCommand.class);
        assertThat(PhonehomeCommand.subcommandsFor(new String[] {"diff", "a.json", "b.json"}))
                .containsExactly(DiffCommand.class);
        assertThat(PhonehomeCommand.subcommandsFor(new String[] {"--help"}))
                .containsExactly(AuditCommand.class, CanaryCommand.class, DiffCommand.class);
        assertThat(PhonehomeCommand.subcommandsFor(new String[] {"audti", "audit"}))
                .isEqualTo(PhonehomeCommand.SUBCOMMANDS);
        assertThat(PhonehomeCommand.subcommandsFor(new String[0])).isEqualTo(PhonehomeCommand.SUBCOMMANDS);
    }

    @Test
    void everySubcommandStillRunsWithTheInheritedDebugOption() {
        for (String[] args : List.of(new String[] {"--debug", "audit", "--help"}, new String[] {"canary", "--help"},
                new String[] {"diff", "--debug", "--help"})) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            int code = Main.run(args, new Main.Io(System.out, new java.io.PrintWriter(out, true),
                    new java.io.PrintWriter(err, true), System.in, false));
            assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
            assertThat(out.toString()).startsWith("Usage: phonehome " + (args[0].equals("--debug") ? args[1]
                    : args[0]));
        }
    }
}
