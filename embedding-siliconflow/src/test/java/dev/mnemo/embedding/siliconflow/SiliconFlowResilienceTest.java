package dev.mnemo.embedding.siliconflow;

import static dev.mnemo.embedding.siliconflow.Fixture.DIM;
import static dev.mnemo.embedding.siliconflow.Fixture.assertKeyNotIn;
import static dev.mnemo.embedding.siliconflow.Fixture.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mnemo.api.embedding.EmbeddingException;
import dev.mnemo.api.embedding.EmbeddingUnavailableException;
import dev.mnemo.embedding.siliconflow.LoopbackServer.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retry, circuit breaker, rate limiter and timeouts, with waits recorded by {@link TestTime} instead of spent. */
class SiliconFlowResilienceTest {

    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();
    private final TestTime time = new TestTime();

    private static LoopbackServer.Responder status(int status) {
        return request -> Reply.json(status, "{\"message\":\"status " + status + "\"}");
    }

    @Test
    void honoursRetryAfterSecondsOn429ThenSucceeds() {
        server.enqueue(request -> Reply.json(429, "{\"message\":\"rate limited\"}").withHeader("Retry-After", "7"),
                FakeEmbeddings.ok(DIM));
        try (SiliconFlowEmbeddingModel model = model(server, time)) {
            assertThat(model.embed("hello")).containsExactly(FakeEmbeddings.vectorFor("hello", DIM));
            assertThat(model.telemetry()).containsEntry("requests", 2L).containsEntry("retries", 1L)
                    .containsEntry("failures", 0L).containsEntry("breaker_state", 0);
        }
        assertThat(server.requests()).hasSize(2);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void honoursRetryAfterAsAnHttpDate() {
        String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(time.instant().plusSeconds(30).atZone(ZoneOffset.UTC));
        server.enqueue(request -> Reply.json(503, "").withHeader("Retry-After", in30s), FakeEmbeddings.ok(DIM));
        try (SiliconFlowEmbeddingModel model = model(server, time)) {
            assertThat(model.embed("hello")).hasSize(DIM);
        }
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void givesUpAtOnceWhenRetryAfterExceedsTheCap() {
        server.enqueue(request -> Reply.json(429, "{}").withHeader("Retry-After", "3600"));
        try (SiliconFlowEmbeddingModel model = model(server, time, "retry.max-retry-after", "2m")) {
            EmbeddingUnavailableException e = catchThrowableOfType(EmbeddingUnavailableException.class,
                    () -> model.embed("hello"));
            assertThat(e).hasMessageContaining("HTTP 429").hasMessageContaining("3600 s")
                    .hasMessageContaining("retry.max-retry-after");
        }
        assertThat(server.requests()).hasSize(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void retries5xxWithGrowingJitteredBackoffThenGivesUp() {
        server.otherwise(status(502));
        try (SiliconFlowEmbeddingModel model = model(server, time, "retry.max-attempts", "4",
                "retry.initial-backoff", "100ms", "retry.multiplier", "2", "retry.jitter", "0.5")) {
            EmbeddingUnavailableException e = catchThrowableOfType(EmbeddingUnavailableException.class,
                    () -> model.embed("hello"));
            assertThat(assertKeyNotIn(e)).hasMessageContaining("HTTP 502").hasMessageContaining("gave up after 4 attempts")
                    .hasMessageContaining("status 502");
        }
        assertThat(server.requests()).hasSize(4);
        List<Duration> sleeps = time.sleeps();
        assertThat(sleeps).hasSize(3);
        long[] base = {100, 200, 400};
        for (int i = 0; i < 3; i++) {
            assertThat(sleeps.get(i).toMillis()).as("wait %d", i).isBetween(base[i] / 2, base[i] * 3 / 2);
        }
    }

    @Test
    void doesNotRetryOtherClientErrors() {
        server.otherwise(status(404));
        try (SiliconFlowEmbeddingModel model = model(server, time)) {
            EmbeddingException e = catchThrowableOfType(EmbeddingException.class, () -> model.embed("hello"));
            assertThat(e).hasMessageContaining("HTTP 404").hasMessageContaining("base-url");
        }
        assertThat(server.requests()).hasSize(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void repeated500sOpenTheBreakerWhichFailsFastThenRecovers() {
        server.otherwise(status(500));
        try (SiliconFlowEmbeddingModel model = model(server, time, "retry.max-attempts", "2",
                "breaker.window", "4", "breaker.minimum-calls", "4", "breaker.failure-rate", "50",
                "breaker.open-duration", "30s", "breaker.half-open-calls", "1")) {
            for (int call = 0; call < 2; call++) {
                assertThat(catchThrowableOfType(EmbeddingUnavailableException.class, () -> model.embed("x")))
                        .hasMessageContaining("HTTP 500");
            }
            assertThat(server.requests()).hasSize(4);
            assertThat(model.breakerState()).isEqualTo("OPEN");
            assertThat(model.telemetry()).containsEntry("breaker_state", 1).containsEntry("failures", 2L)
                    .containsEntry("retries", 2L);

            EmbeddingUnavailableException fast = catchThrowableOfType(EmbeddingUnavailableException.class,
                    () -> model.embed("x"));
            assertThat(fast).hasMessageContaining("circuit breaker is open");
            assertThat(server.requests()).as("an open breaker keeps calls off the server").hasSize(4);

            time.advance(Duration.ofSeconds(31));
            server.otherwise(FakeEmbeddings.ok(DIM));
            assertThat(model.embed("x")).hasSize(DIM);
            assertThat(model.breakerState()).isEqualTo("CLOSED");
            assertThat(server.requests()).hasSize(5);
        }
    }

    @Test
    void timesOutEachRequestAndRetries() {
        server.otherwise(request -> Reply.hanging());
        try (SiliconFlowEmbeddingModel model = model(server, time, "timeout", "300ms", "retry.max-attempts", "2")) {
            EmbeddingUnavailableException e = catchThrowableOfType(EmbeddingUnavailableException.class,
                    () -> model.embed("hello"));
            assertThat(e).hasMessageContaining("timed out").hasMessageContaining("300 ms")
                    .hasMessageContaining("gave up after 2 attempts");
        }
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void retriesConnectionFailures() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> options = new HashMap<>();
        options.put("base-url", "http://127.0.0.1:" + closedPort + "/v1");
        options.put("api-key", Fixture.KEY);
        options.put("retry.max-attempts", "3");
        try (SiliconFlowEmbeddingModel model = new SiliconFlowEmbeddingModel(
                SiliconFlowSettings.fromOptions(options, name -> null), time, time)) {
            EmbeddingUnavailableException e = catchThrowableOfType(EmbeddingUnavailableException.class,
                    () -> model.embed("hello"));
            assertThat(assertKeyNotIn(e)).hasMessageContaining("I/O error").hasMessageContaining("gave up after 3 attempts");
        }
        assertThat(time.sleeps()).hasSize(2);
    }

    @Test
    void rateLimitIsSharedByAllThreadsOfOneModel() throws Exception {
        server.otherwise(FakeEmbeddings.ok(DIM));
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (SiliconFlowEmbeddingModel model = model(server, time, "rate-limit.requests", "2",
                "rate-limit.period", "1h", "rate-limit.max-wait", "0ms")) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> outcomes = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String text = "thread " + t;
                Callable<String> call = () -> {
                    start.await();
                    try {
                        model.embed(text);
                        return "ok";
                    } catch (EmbeddingUnavailableException e) {
                        return e.getMessage();
                    }
                };
                outcomes.add(pool.submit(call));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get());
            }
            assertThat(results).filteredOn("ok"::equals).hasSize(2);
            assertThat(results).filteredOn(r -> r.contains("rate limit of 2 requests per")).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void rateLimitWaitsForTheNextPeriodThroughTheSleeper() {
        server.otherwise(FakeEmbeddings.ok(DIM));
        try (SiliconFlowEmbeddingModel model = model(server, time, "rate-limit.requests", "1",
                "rate-limit.period", "10s", "rate-limit.max-wait", "1m")) {
            for (int i = 0; i < 3; i++) {
                model.embed("call " + i);
            }
        }
        assertThat(server.requests()).hasSize(3);
        List<Duration> waits = time.sleeps();
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(waits.get(1)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(20));
    }
}
