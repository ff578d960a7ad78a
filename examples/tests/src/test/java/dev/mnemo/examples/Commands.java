package dev.mnemo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the commands a user of an example would: a Maven build from the local repository, then the app. */
final class Commands {
    private static final long TIMEOUT_MINUTES = 10;

    private Commands() {
    }

    static Path property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property %s (set by this module's pom)", name).isNotBlank();
        return Path.of(value).toAbsolutePath().normalize();
    }

    /** {@code mvn package} of a copied example against the local repository the reactor installed into. */
    static void mavenPackage(Path project) throws IOException, InterruptedException {
        Path mvn = property("mnemo.maven.home").resolve("bin/mvn");
        run(project, Map.of(), mvn.toString(), "-B", "-q", "-ntp",
                "-Dmaven.repo.local=" + property("mnemo.maven.repo"),
                "-Dmnemo.version=" + System.getProperty("mnemo.version"),
                "package");
    }

    /** Runs a command to its end and returns its standard output; fails the test, with its output, on a non-zero exit. */
    static String run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("command", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within " + TIMEOUT_MINUTES + " min");
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("exit code of %s; output:%n%s", String.join(" ", command), output).isZero();
            return output;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Copies a project's pom and sources, so its build writes nothing into the checkout. */
    static Path copyProject(Path project, Path target) throws IOException {
        try (var files = Files.walk(project)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path relative = project.relativize(source);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        return target;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
