package org.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
