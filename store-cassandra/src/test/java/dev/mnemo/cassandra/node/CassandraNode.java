package dev.mnemo.cassandra.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apache Cassandra 5 node for tests, on loopback, in a JVM of its own.
 *
 * <p>The node runs from the class path that the build resolved from {@code node/pom.xml} (system
 * property {@value #CLASSPATH_PROPERTY}); that class path never meets the test's own (cassandra-all
 * pins JVector 1.0.2, Mnemo uses 4.0.1). Ports are free ones picked at start, data lives in a
 * fresh directory that {@link #close()} deletes. If the test JVM dies without closing the node, a
 * shell watchdog started beside it stops the node; a shutdown hook covers a normal JVM exit.
 *
 * <p>Not thread-safe: one test thread starts, stops and closes it.
 */
public final class CassandraNode implements AutoCloseable {
    public static final String CLASSPATH_PROPERTY = "mnemo.cassandra.node.classpath";
    public static final String WORKDIR_PROPERTY = "mnemo.cassandra.node.workdir";
    /** Seconds to wait for the native port; the node needs 30-60 s on a busy 2-core machine. */
    public static final String START_TIMEOUT_PROPERTY = "mnemo.cassandra.node.start-timeout-s";
    /** The JDK to run the node with (Cassandra 5.0 supports 11 and 17); default: the test JVM's. */
    public static final String JAVA_PROPERTY = "mnemo.cassandra.node.java";
    /** The data center SimpleSnitch reports. */
    public static final String DATACENTER = "datacenter1";

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    private final Path dir;
    private final String classPath;
    private final Duration startTimeout;
    private final int storagePort;
    private final int nativePort;
    private final Thread shutdownHook = new Thread(this::kill, "cassandra-node-shutdown");
    private Process process;
    private Process watchdog;
    private Duration lastStartTime = Duration.ZERO;

    private CassandraNode(Path dir, String classPath, Duration startTimeout, int storagePort, int nativePort) {
        this.dir = dir;
        this.classPath = classPath;
        this.startTimeout = startTimeout;
        this.storagePort = storagePort;
        this.nativePort = nativePort;
    }

    /** Creates (but does not start) a node with a fresh data directory and two free loopback ports. */
    public static CassandraNode create() throws IOException {
        Path classPathFile = Path.of(required(CLASSPATH_PROPERTY));
        if (!Files.isRegularFile(classPathFile)) {
            throw new IllegalStateException("Cassandra node class path file " + classPathFile + " is missing: it is"
                    + " written by the store-cassandra build (exec execution cassandra-node-classpath); run the"
                    + " tests through Maven");
        }
        String classPath = Files.readString(classPathFile, StandardCharsets.UTF_8).trim();
        Path workRoot = Path.of(System.getProperty(WORKDIR_PROPERTY, System.getProperty("java.io.tmpdir")));
        Files.createDirectories(workRoot);
        Path dir = Files.createTempDirectory(workRoot, "node-");
        Duration timeout = Duration.ofSeconds(Long.getLong(START_TIMEOUT_PROPERTY, 300));
        int[] ports = freePorts(2);
        return new CassandraNode(dir, classPath, timeout, ports[0], ports[1]);
    }

    /** The CQL (native protocol) port. */
    public int nativePort() {
        return nativePort;
    }

    /** The CQL contact point. */
    public InetSocketAddress contactPoint() {
        return new InetSocketAddress("127.0.0.1", nativePort);
    }

    /** How long the last {@link #start()} took until the native port answered. */
    public Duration lastStartTime() {
        return lastStartTime;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Starts the node (again, after {@link #stop()}, on the same data) and waits until its CQL port
     * accepts connections.
     *
     * @throws IllegalStateException when the node exits or does not open its port in time; the
     *                               message carries the tail of its log
     */
    public void start() throws IOException, InterruptedException {
        if (isRunning()) {
            return;
        }
        Path yaml = NodeFiles.writeConfig(dir, storagePort, nativePort);
        Path logback = NodeFiles.writeLogback(dir);
        List<String> command = new ArrayList<>();
        command.add(System.getProperty(JAVA_PROPERTY, Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(NodeJvm.options());
        command.add("-Dcassandra.config=" + yaml.toUri());
        command.add("-Dlogback.configurationFile=" + logback.toUri());
        command.add("-Dcassandra.storagedir=" + dir.resolve("data"));
        command.add("-Dcassandra.logdir=" + dir);
        command.add("-cp");
        command.add(classPath);
        command.add("org.apache.cassandra.service.CassandraDaemon");
        long t0 = System.nanoTime();
        process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.out").toFile()))
                .start();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        watchdog = startWatchdog(process.pid());
        awaitNativePort(t0);
        lastStartTime = Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Stops the node (SIGTERM, then SIGKILL after a grace period); its data stays for a restart. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
        if (watchdog != null) {
            watchdog.destroy();
            watchdog = null;
        }
        removeShutdownHook();
    }

    /**
     * Freezes the node (SIGSTOP): its ports stay open and accept connections, but nothing answers,
     * as with a node stuck in a long GC pause or on a dead disk. {@link #thaw()} lets it go on.
     */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a frozen node go on (SIGCONT). */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        if (process == null) {
            throw new IllegalStateException("the node is not running");
        }
        int code = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        if (code != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with " + code);
        }
    }

    /**
     * Kills the node at once (SIGKILL), as an out-of-memory killer or a pulled plug would, without
     * flushing anything; its data and commit log stay for a restart.
     */
    public void crash() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly().waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        process = null;
        if (watchdog != null) {
            watchdog.destroy();
            watchdog = null;
        }
        removeShutdownHook();
    }

    /** Stops the node and deletes its directory. */
    @Override
    public void close() throws InterruptedException {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cleaning up " + dir, e);
        }
    }

    @Override
    public String toString() {
        return "CassandraNode[127.0.0.1:" + nativePort + ", dir=" + dir + "]";
    }

    private void awaitNativePort(long t0) throws InterruptedException {
        long deadline = t0 + startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                int code = process.exitValue();
                process = null;
                removeShutdownHook();
                throw new IllegalStateException("Cassandra node exited with code " + code + " while starting\n"
                        + logTail());
            }
            if (portOpen()) {
                return;
            }
            Thread.sleep(250);
        }
        kill();
        process = null;
        removeShutdownHook();
        throw new IllegalStateException("Cassandra node did not open port " + nativePort + " within "
                + startTimeout.toSeconds() + " s (" + START_TIMEOUT_PROPERTY + ")\n" + logTail());
    }

    private boolean portOpen() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", nativePort), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A shell loop that outlives a SIGKILLed test JVM: once that JVM is gone it stops the node
     * (and ends by itself when the node ends first).
     */
    private static Process startWatchdog(long nodePid) throws IOException {
        long self = ProcessHandle.current().pid();
        String script = "while kill -0 " + self + " 2>/dev/null && kill -0 " + nodePid + " 2>/dev/null; do sleep 2; done;"
                + " if kill -0 " + nodePid + " 2>/dev/null; then kill " + nodePid + "; sleep 30; kill -9 " + nodePid
                + " 2>/dev/null; fi";
        return new ProcessBuilder("/bin/sh", "-c", script)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is already shutting down, or the hook was never added
        }
    }

    private String logTail() {
        StringBuilder out = new StringBuilder();
        for (String name : new String[] {"node.out", "system.log"}) {
            Path file = dir.resolve(name);
            try {
                List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
                out.append("--- last lines of ").append(file).append(" ---\n");
                lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
                        .forEach(l -> out.append(l).append('\n'));
            } catch (IOException e) {
                out.append("(").append(file).append(" unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        return out.toString();
    }

    private static int[] freePorts(int count) throws IOException {
        // hold all sockets open until every port is picked, so the same port is not returned twice
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run the Cassandra tests"
                    + " through Maven (store-cassandra's surefire configuration sets it)");
        }
        return value;
    }
}
