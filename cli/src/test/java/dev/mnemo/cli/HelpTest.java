package dev.mnemo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"add", "search", "recent", "get", "delete", "prune", "stats", "import", "export",
        "backup", "restore", "verify", "reindex", "compact", "backends", "demo"})
    void everySubcommandHasHelpWithTheGlobalOptions(String command) {
        Cli.Result r = new Cli(dir).raw(command, "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: mnemo " + command)
                .contains("--data-dir").contains("--config").contains("-D").contains("--json")
                .contains("--character").contains("--story");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void topLevelHelpListsCommandsAndExitCodes() {
        Cli.Result r = new Cli(dir).raw("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("search").contains("demo").contains("Exit codes").contains("7 verify found differences");
    }
}
