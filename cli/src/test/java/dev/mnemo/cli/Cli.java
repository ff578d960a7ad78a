package dev.mnemo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@code mnemo} in-process on a temporary data directory with the test model and exact backend. */
final class Cli {
    private final Path dataDir;
    private final Cancellation cancellation;
    private final Map<String, String> environment;

    Cli(Path dataDir) {
        this(dataDir, new Cancellation());
    }

    Cli(Path dataDir, Cancellation cancellation) {
        this(dataDir, cancellation, Map.of());
    }

    Cli(Path dataDir, Cancellation cancellation, Map<String, String> environment) {
        this.dataDir = dataDir;
        this.cancellation = cancellation;
        this.environment = environment;
    }

    /** The result of one invocation. */
    record Result(int code, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("stdout is not one JSON document: " + out + "\nstderr: " + err, e);
            }
        }
    }

    /** Runs a subcommand with the store options added after it. */
    Result run(String command, String... args) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(List.of("--data-dir", dataDir.toString(),
                "-D", "mnemo.embedding.provider=test-hashing", "-D", "mnemo.vector.backend=exact"));
        all.addAll(List.of(args));
        return raw(all.toArray(String[]::new));
    }

    /** Runs exactly these arguments with this object's environment (never the machine's MNEMO_*). */
    Result raw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MnemoCommand.commandLine(new MnemoCommand(environment, cancellation))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
