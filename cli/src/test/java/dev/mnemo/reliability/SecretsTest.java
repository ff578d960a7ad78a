package dev.mnemo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MnemoException;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.cli.Cancellation;
import dev.mnemo.cli.Main;
import dev.mnemo.cli.MnemoCommand;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.reliability.FakeEmbeddingServer.Fault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding API key never shows: not in log lines, exception messages and stack traces,
 * statistics, configuration descriptions or CLI output, also when the service answers with an
 * error that quotes the key back. The key comes from the {@code api-key} option, from
 * {@code MNEMO_*} environment (in-process CLI) and from the {@code MEMORY_API_KEY} environment
 * variable of a child JVM running {@code mnemo} with every logger at TRACE.
 */
@Tag("reliability")
class SecretsTest {
    private static final List<Fault> ECHOED_FAULTS = List.of(Fault.HTTP_401, Fault.HTTP_400, Fault.HTTP_500,
            Fault.HTTP_429, Fault.MALFORMED_JSON, Fault.WRONG_DIMENSION);

    @TempDir
    Path dataDir;

    private final String secret = "sk-" + HexFormat.of().formatHex(randomBytes());
    private FakeEmbeddingServer server;
    private final StringBuilder seen = new StringBuilder();
    private int scannedTexts;

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeEmbeddingServer(EmbeddingFaultTest.DIMENSION);
        server.echoCredentials(true);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void libraryOutputNeverContainsTheKey() {
        MnemoConfig config = EmbeddingFaultTest.config(dataDir, server, secret);
        try (StdCapture capture = new StdCapture();
             MemoryService service = MemoryService.open(config)) {
            MemoryStore store = service.character("secret");
            store.add(MemoryDraft.of(RecordType.of("note"), "a memory about the harbour", null));
            scan(store.search("harbour", SearchRequest.defaults()).toString());
            scan(store.stats().toString());
            scan(store.verify().toString());
            scan(store.indexDescription().toString());
            scan(store.operationReport().toString());
            scan(store.indexOpenNote());
            scan(service.model().toString());
            scan(service.backend().note());
            scan(config.toString());
            scan(config.describe().toString());
            scan(config.embeddingOptions("siliconflow").toString().replace(secret, "")); // the options map is the key's carrier
            for (Fault fault : ECHOED_FAULTS) {
                server.schedule(fault, 0);
                try {
                    store.search("a query under " + fault, SearchRequest.defaults());
                } catch (RuntimeException e) {
                    scan(stackTrace(e));
                } finally {
                    server.heal();
                }
            }
            scan(capture.text());
        }
        assertThat(server.authorizations()).as("the key was sent").contains("Bearer " + secret);
        assertNoSecret();
    }

    @Test
    void aMalformedKeyIsRefusedWithoutQuotingIt() {
        String broken = secret.substring(0, 20) + " " + secret.substring(20);
        Throwable failure = null;
        try (StdCapture capture = new StdCapture()) {
            try (MemoryService service = MemoryService.open(EmbeddingFaultTest.config(dataDir, server, broken))) {
                service.character("secret");
            } catch (RuntimeException e) {
                failure = e;
                scan(stackTrace(e));
            }
            scan(capture.text());
        }
        assertThat(failure).isInstanceOf(MnemoException.class).hasMessageContaining("position 20");
        assertNoSecret();
    }

    @Test
    void cliOutputNeverContainsTheKey() {
        String base = server.baseUrl();
        Map<String, String> env = Map.of(
                "MNEMO_EMBEDDING_PROVIDER", "siliconflow",
                "MNEMO_EMBEDDING_SILICONFLOW_API_KEY", secret,
                "MNEMO_EMBEDDING_SILICONFLOW_BASE_URL", base,
                "MNEMO_EMBEDDING_SILICONFLOW_DIMENSION", Integer.toString(EmbeddingFaultTest.DIMENSION),
                "MNEMO_VECTOR_BACKEND", "exact");
        try (StdCapture capture = new StdCapture()) {
            cli(env, "add", "--text", "a memory about the lighthouse");
            cli(env, "search", "lighthouse", "--explain");
            cli(env, "search", "lighthouse", "--json");
            cli(env, "stats");
            cli(env, "stats", "--json");
            cli(env, "verify", "--json");
            cli(env, "backends");
            cli(env, "backends", "--json");
            cli(Map.of(), "backends", "-D", "mnemo.embedding.provider=siliconflow", "-D",
                    "mnemo.embedding.siliconflow.api-key=" + secret);
            for (Fault fault : ECHOED_FAULTS) {
                server.schedule(fault, 0);
                cli(env, "search", "query under " + fault, "--verbose");
                cli(env, "add", "--text", "memory under " + fault, "--verbose", "--json");
                server.heal();
            }
            cli(Map.of(), "search", "lighthouse", "--verbose", "-D", "mnemo.embedding.provider=siliconflow",
                    "-D", "mnemo.embedding.siliconflow.api-key=" + secret, "-D", "mnemo.embedding.siliconflow.dimension=0");
            scan(capture.text());
        }
        assertThat(server.authorizations()).as("the key was sent; output:%n%s", seen).contains("Bearer " + secret);
        assertNoSecret();
    }

    @Test
    void keyFromTheEnvironmentNeverShowsInAChildProcessLoggingAtTrace() throws Exception {
        List<List<String>> runs = new ArrayList<>();
        runs.add(List.of("add", "--text", "a memory about the old mill"));
        runs.add(List.of("stats", "--verbose"));
        runs.add(List.of("backends", "--verbose"));
        runs.add(List.of("search", "mill", "--verbose", "--explain"));
        int run = 0;
        for (List<String> args : runs) {
            boolean faulty = run == 3;
            if (faulty) {
                server.schedule(Fault.HTTP_401, 0);
            }
            Path err = dataDir.resolve("child-" + run++ + ".err");
            List<String> all = new ArrayList<>(args);
            all.addAll(List.of("--character", "secret", "--data-dir", dataDir.resolve("data").toString(),
                    "-D", "mnemo.embedding.provider=siliconflow", "-D", "mnemo.vector.backend=exact",
                    "-D", "mnemo.embedding.siliconflow.base-url=" + server.baseUrl(),
                    "-D", "mnemo.embedding.siliconflow.dimension=" + EmbeddingFaultTest.DIMENSION));
            Process p = ChildJvm.start(Main.class,
                    List.of(ChildJvm.SHORT_LIVED, "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace"),
                    Map.of("MEMORY_API_KEY", secret), err, all.toArray(String[]::new));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            scan(out);
            scan(Files.readString(err));
            assertThat(p.exitValue()).as("exit code of %s; stderr:%n%s", args, ChildJvm.tail(err)).isEqualTo(faulty ? 6 : 0);
            server.heal();
        }
        assertThat(server.authorizations()).as("the key from MEMORY_API_KEY was sent").contains("Bearer " + secret);
        assertNoSecret();
    }

    private void cli(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--character", "secret", "--data-dir", dataDir.resolve("data").toString()));
        // dotted provider options cannot come from MNEMO_* variables (retry.max-attempts would read as retry-max-attempts)
        all.addAll(List.of("-D", "mnemo.embedding.siliconflow.retry.max-attempts=1"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        MnemoCommand.commandLine(new MnemoCommand(env, new Cancellation()))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        scan(out.toString());
        scan(err.toString());
    }

    private void scan(String text) {
        seen.append(text).append('\n');
        scannedTexts++;
    }

    private void assertNoSecret() {
        String all = seen.toString();
        String random = secret.substring(3);
        assertThat(all).as("everything the code said (%d texts)", scannedTexts).doesNotContain(secret)
                .doesNotContain(random.substring(0, 16)).doesNotContain(random.substring(16));
        System.out.printf("RELIABILITY secrets texts-scanned=%d chars-scanned=%d leaks=0%n", scannedTexts, all.length());
    }

    private static String stackTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return e + "\n" + w;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        new Random(System.nanoTime()).nextBytes(b);
        return b;
    }
}
