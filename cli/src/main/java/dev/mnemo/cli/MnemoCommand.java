package dev.mnemo.cli;

import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mnemo} command: long-term conversation memory from the command line. Holds what
 * the subcommands share with the process: its environment (MNEMO_* variables) and Ctrl-C.
 */
@Command(name = "mnemo", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Long-term conversation memory for chat characters: SQLite records + a vector index.",
        subcommands = {
            CommandLine.HelpCommand.class,
            AddCommand.class,
            SearchCommand.class,
            RecentCommand.class,
            GetCommand.class,
            DeleteCommand.class,
            PruneCommand.class,
            StatsCommand.class,
            ImportCommand.class,
            ExportCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            VerifyCommand.class,
            ReindexCommand.class,
            CompactCommand.class,
            BackendsCommand.class,
            DemoCommand.class,
            MigrateCommand.class,
        },
        footerHeading = "%nOptions such as --data-dir, --json, -D go after the command; 'mnemo COMMAND --help' lists them."
                + "%n%nExit codes:%n",
        footer = {
            "  0 success, 1 unexpected error, 2 usage or configuration, 3 invalid input,",
            "  4 not found, 5 storage (disk full, I/O error) or corrupt file, 6 embedding failed,",
            "  7 verify found differences, 130 interrupted (Ctrl-C)."})
public final class MnemoCommand implements Runnable {
    private final Map<String, String> environment;
    private final Cancellation cancellation;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** With the process environment and a fresh cancellation. */
    public MnemoCommand() {
        this(System.getenv(), new Cancellation());
    }

    /** With a given environment (tests pass their own, so the machine's MNEMO_* do not leak in). */
    public MnemoCommand(Map<String, String> environment, Cancellation cancellation) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
    }

    /** A command line for this command with the exit-code mapping installed. */
    public static CommandLine commandLine(MnemoCommand command) {
        return new CommandLine(command)
                .setExecutionExceptionHandler(new ErrorHandler())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    Map<String, String> environment() {
        return environment;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    /** Without a subcommand: usage, and the usage exit code. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }
}
