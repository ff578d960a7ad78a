package dev.mnemo.cli;

import dev.mnemo.core.config.MnemoConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Base of every subcommand: the global options, picocli's out/err, the configuration and the
 * process context (environment, Ctrl-C) from the root command. Failures are thrown, never
 * printed here: {@link ErrorHandler} maps them to exit codes.
 */
abstract class BaseCommand implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private MnemoCommand root;

    GlobalOptions global() {
        return global;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Cancellation cancellation() {
        return root.cancellation();
    }

    /** The configuration of this invocation. */
    MnemoConfig config() {
        return Configs.build(global, root.environment(), global.dataDir());
    }

    /** The configuration with a data directory used unless --data-dir or -D names another (the demo's own). */
    MnemoConfig config(Path defaultDataDir) {
        Path dir = global.dataDir() != null ? global.dataDir() : defaultDataDir;
        return Configs.build(global, root.environment(), dir);
    }

    /** Prints one JSON document on stdout. */
    void printJson(Object document) {
        out().println(Json.write(document));
        out().flush();
    }
}
