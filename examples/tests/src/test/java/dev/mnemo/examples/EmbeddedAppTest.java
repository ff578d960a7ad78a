package dev.mnemo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/embedded-app, as a user gets it: built by Maven from Mnemo's installed coordinates
 * only, then run twice, the backend chosen by configuration alone (an environment variable for
 * FAISS, a {@code mnemo.properties} file for JVector). Both runs must remember and recall the same.
 */
class EmbeddedAppTest {
    @TempDir
    Path work;

    @Test
    void buildsFromPublishedCoordinatesAndRecallsTheSameOnFaissAndJVector() throws Exception {
        Path app = Commands.copyProject(Commands.property("mnemo.examples.dir").resolve("embedded-app"),
                work.resolve("embedded-app"));
        Commands.mavenPackage(app);
        Path jar = app.resolve("target/embedded-app.jar");
        assertThat(jar).isRegularFile();

        Path faissRun = Files.createDirectories(work.resolve("faiss-run"));
        String faiss = Commands.run(faissRun, Map.of("MNEMO_VECTOR_BACKEND", "faiss"),
                Commands.java(), "-jar", jar.toString(), "data");
        Path jvectorRun = Files.createDirectories(work.resolve("jvector-run"));
        Files.writeString(jvectorRun.resolve("mnemo.properties"), "mnemo.vector.backend=jvector\n");
        String jvector = Commands.run(jvectorRun, Map.of(), Commands.java(), "-jar", jar.toString(), "data");

        assertThat(faiss).contains("backend: faiss\n");
        assertThat(jvector).contains("backend: jvector\n");
        assertThat(answers(faiss)).hasSize(answers(jvector).size()).isEqualTo(answers(jvector));
        assertThat(answers(faiss))
                .contains("  hit: Ada drinks green tea every morning before work.")
                .endsWith("Q: [topic = work and importance >= 5] What is Ada's job?",
                        "  hit: Ada works as a compiler engineer on a JIT for a database.");
        assertThat(faissRun.resolve("data/memory/Ada/Ada_memory.db")).isRegularFile();
        assertThat(jvectorRun.resolve("data/memory/Ada/Ada_memory.db")).isRegularFile();
    }

    /** The questions and their hits, in order; the lines naming backend and model differ by design. */
    private static List<String> answers(String output) {
        return output.lines().filter(line -> line.startsWith("Q: ") || line.startsWith("  hit: ")).toList();
    }
}
