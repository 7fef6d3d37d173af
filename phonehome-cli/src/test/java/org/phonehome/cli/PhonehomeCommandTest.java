package org.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.cli.Cli.run;

import org.junit.jupiter.api.Test;
import org.phonehome.cli.Cli.Result;
import picocli.CommandLine.Command;

/** The root command builds only the subcommand a run names, and still behaves as if it had built them all. */
class PhonehomeCommandTest {

    @Test
    void aRunBuildsTheSubcommandItsFirstWordNames() {
        assertThat(PhonehomeCommand.neededBy(new String[] {"audit", "a.pcap", "--device", "diff"}))
                .containsExactly(AuditCommand.class);
        assertThat(PhonehomeCommand.neededBy(new String[] {"--debug", "diff", "a.json", "b.json"}))
                .containsExactly(DiffCommand.class);
        assertThat(PhonehomeCommand.neededBy(new String[] {"canary", "--out", "d.yaml"}))
                .containsExactly(CanaryCommand.class);
    }

    @Test
    void helpAMisspeltNameOrNoneBuildsThemAll() {
        for (String[] args : new String[][] {{}, {"--help"}, {"-V"}, {"audti", "a.pcap"}, {"--", "audit"},
                {"--help", "audit"}, {"-h", "--debug", "diff"}}) {
            assertThat(PhonehomeCommand.neededBy(args))
                    .containsExactly(AuditCommand.class, CanaryCommand.class, DiffCommand.class);
        }
    }

    @Test
    void theNamesAreTheCommandsOwn() {
        PhonehomeCommand.SUBCOMMANDS.forEach((name, type) ->
                assertThat(type.getAnnotation(Command.class).name()).isEqualTo(name));
    }

    @Test
    void helpListsEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"--help", "audit"}}) {
            Result r = run(args);
            assertThat(r.code()).isZero();
            assertThat(r.out()).containsSubsequence("Commands:", "audit", "canary", "diff");
        }
    }

    @Test
    void aMisspeltCommandIsAUsageErrorThatPointsToTheCommandsHelp() {
        Result r = run("audti", "a.pcap");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("'audti'").contains("(see 'phonehome --help')");
    }

    @Test
    void theInheritedDebugOptionReachesTheSubcommandAddedLater() {
        Result before = run("--debug", "diff", "missing-a.json", "missing-b.json");
        Result after = run("diff", "missing-a.json", "missing-b.json", "--debug");
        assertThat(before.code()).isEqualTo(ExitCode.NO_INPUT.code());
        assertThat(after.code()).isEqualTo(ExitCode.NO_INPUT.code());
        assertThat(after.err()).contains("missing-a.json");
    }
}
