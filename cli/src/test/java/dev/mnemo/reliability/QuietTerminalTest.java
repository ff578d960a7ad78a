package dev.mnemo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.cli.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command, run as a user runs it (a new JVM through {@code Main}; the real ONNX model and
 * the JVector and FAISS backends, whose libraries log through java.util.logging and SLF4J),
 * writes nothing on stderr but Mnemo's own error line. Dependencies' log lines go to
 * {@code mnemo.log} in the data directory instead.
 */
class QuietTerminalTest {
    @TempDir
    Path dir;

    @Test
    void noCommandPrintsDependencyLogLinesOnStderr() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        String exported = dir.resolve("export.jsonl").toString();
        String backup = dir.resolve("backup.db").toString();
        // the ONNX model (whose loading logs the most) where a text is embedded; elsewhere the
        // hashing test model, so that twenty JVMs do not each load the model
        String onnx = "mnemo.embedding.provider=onnx";
        List<List<String>> ok = List.of(
                List.of("--help"),
                List.of("backends"),
                List.of("add", "--text", "Kafka dislikes the rain.", "-D", onnx, "--character", "onnx"),
                List.of("search", "rain", "--explain", "-D", onnx, "--character", "onnx"),
                List.of("add", "--text", "Kafka dislikes the rain."),
                List.of("add", "--user", "What do you fear?", "--assistant", "Nothing you could name."),
                List.of("search", "fear", "--json", "--type", "conversation", "--since", "7d"),
                List.of("recent"),
                List.of("get", "1"),
                List.of("stats"),
                List.of("export", exported, "--with-vectors"),
                List.of("import", exported),
                List.of("verify"),
                List.of("reindex"),
                List.of("compact"),
                List.of("backup", backup),
                List.of("restore", backup),
                List.of("delete", "1"),
                List.of("prune", "--days", "100000"),
                List.of("migrate", "--dry-run"),
                List.of("add", "--text", "on FAISS", "-D", "mnemo.vector.backend=faiss", "--character", "f"),
                List.of("search", "FAISS", "-D", "mnemo.vector.backend=faiss", "--character", "f"),
                List.of("demo", "--limit", "5", "--latency-runs", "1", "-D", onnx,
                        "--data-dir", dir.resolve("demo").toString()));
        for (List<String> command : ok) {
            Run run = mnemo(data, command);
            assertThat(run.code()).as("%s: %s", command, run.err()).isZero();
            assertThat(run.err()).as("stderr of %s", command).isEmpty();
        }
        Run missing = mnemo(data, List.of("get", "999"));
        assertThat(missing.code()).isEqualTo(4);
        assertThat(missing.err().lines().toList()).as(missing.err()).hasSize(1).first().asString()
                .startsWith("mnemo get: error: ");
    }

    private record Run(int code, String err) {
    }

    private Run mnemo(Path data, List<String> command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(command);
        if (!command.contains("--help") && !command.contains("--data-dir")) {
            args.addAll(List.of("--data-dir", data.toString()));
        }
        String joined = String.join(" ", command);
        if (!command.get(0).equals("--help")) {
            if (!joined.contains("mnemo.vector.backend")) {
                args.addAll(List.of("-D", "mnemo.vector.backend=jvector"));
            }
            if (!joined.contains("mnemo.embedding.provider")) {
                args.addAll(List.of("-D", "mnemo.embedding.provider=test-hashing"));
            }
        }
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        Process p = ChildJvm.start(Main.class, List.of(ChildJvm.SHORT_LIVED), Map.of(), stderr,
                args.toArray(String[]::new));
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish: " + ChildJvm.tail(stderr));
        }
        return new Run(p.exitValue(), Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
