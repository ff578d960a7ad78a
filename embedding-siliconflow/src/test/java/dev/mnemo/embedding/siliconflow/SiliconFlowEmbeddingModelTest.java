package dev.mnemo.embedding.siliconflow;

import static dev.mnemo.embedding.siliconflow.Fixture.DIM;
import static dev.mnemo.embedding.siliconflow.Fixture.KEY;
import static dev.mnemo.embedding.siliconflow.Fixture.assertKeyNotIn;
import static dev.mnemo.embedding.siliconflow.Fixture.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mnemo.api.StoreClosedException;
import dev.mnemo.api.embedding.EmbeddingInputException;
import dev.mnemo.api.embedding.EmbeddingResponseException;
import dev.mnemo.embedding.siliconflow.LoopbackServer.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests, batching and response checking against a real loopback HTTP server. */
class SiliconFlowEmbeddingModelTest {

    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();
    private final TestTime time = new TestTime();

    private static List<String> texts(int n) {
        return IntStream.range(0, n).mapToObj(i -> "memory number " + i).toList();
    }

    @Test
    void embedsWithDefaultModelAndSendsAnOpenAiStyleRequest() throws Exception {
        server.enqueue(FakeEmbeddings.ok(1024));
        Map<String, String> options = new HashMap<>();
        options.put("base-url", server.baseUrl().toString());
        try (SiliconFlowEmbeddingModel model = new SiliconFlowEmbeddingModel(
                SiliconFlowSettings.fromOptions(options, Map.of(SiliconFlowSettings.API_KEY_ENV, KEY)::get), time, time)) {
            assertThat(model.name()).isEqualTo("siliconflow:BAAI/bge-m3");
            assertThat(model.dimension()).isEqualTo(1024);

            List<float[]> vectors = model.embed(List.of("你好", "hello"));

            assertThat(vectors.get(0)).containsExactly(FakeEmbeddings.vectorFor("你好", 1024));
            assertThat(vectors.get(1)).containsExactly(FakeEmbeddings.vectorFor("hello", 1024));
        }
        LoopbackServer.Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/embeddings");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = FakeEmbeddings.body(request);
        assertThat(body.get("model").asText()).isEqualTo("BAAI/bge-m3");
        assertThat(body.get("input")).hasSize(2);
        assertThat(body.get("input").get(0).asText()).isEqualTo("你好");
        assertThat(body.get("encoding_format").asText()).isEqualTo("float");
    }

    @Test
    void splits150InputsInto64And64And22AndKeepsTheOrder() throws Exception {
        server.otherwise(FakeEmbeddings.ok(DIM));
        List<String> texts = texts(150);
        try (SiliconFlowEmbeddingModel model = model(server, time)) {
            List<float[]> vectors = model.embed(texts);

            assertThat(vectors).hasSize(150);
            for (int i = 0; i < 150; i++) {
                assertThat(vectors.get(i)).as("input %d", i).containsExactly(FakeEmbeddings.vectorFor(texts.get(i), DIM));
            }
        }
        List<Integer> sizes = new ArrayList<>();
        for (LoopbackServer.Request r : server.requests()) {
            sizes.add(FakeEmbeddings.inputs(r).size());
        }
        assertThat(sizes).containsExactly(64, 64, 22);
        assertThat(FakeEmbeddings.inputs(server.requests().get(2)).get(0)).isEqualTo("memory number 128");
    }

    @Test
    void maxBatchOptionCapsTheRequestSize() throws Exception {
        server.otherwise(FakeEmbeddings.ok(DIM));
        try (SiliconFlowEmbeddingModel model = model(server, time, "max-batch", "10")) {
            assertThat(model.embed(texts(25))).hasSize(25);
        }
        assertThat(server.requests()).hasSize(3);
        assertThat(FakeEmbeddings.inputs(server.requests().get(2))).hasSize(5);
    }

    @Test
    void reordersVectorsByTheResponseIndex() {
        server.enqueue(FakeEmbeddings.reversed(DIM));
        List<String> texts = texts(5);
        try (SiliconFlowEmbeddingModel model = model(server, time)) {
            List<float[]> vectors = model.embed(texts);
            for (int i = 0; i < 5; i++) {
                assertThat(vectors.get(i)).containsExactly(FakeEmbeddings.vectorFor(texts.get(i), DIM));
            }
        }
    }

    @Test
    void rejectsMalformedJsonWithoutRetrying() {
        server.otherwise(request -> Reply.json(200, "{\"data\": [ {\"index\": 0, "));
        try (SiliconFlowEmbeddingModel model = model(server, time)) {
            EmbeddingResponseException e = catchThrowableOfType(EmbeddingResponseException.class, () -> model.embed("x"));
            assertThat(assertKeyNotIn(e)).hasMessageContaining("not valid JSON");
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void rejectsTheWrongDimension() {
        server.enqueue(FakeEmbeddings.ok(DIM - 1));
        try (SiliconFlowEmbeddingModel model = model(server, time)) {
            EmbeddingResponseException e = catchThrowableOfType(EmbeddingResponseException.class,
                    () -> model.embed(List.of("a", "b")));
            assertThat(e).hasMessageContaining("input 0 has dimension 7, expected 8");
        }
    }

    @Test
    void rejectsTheWrongNumberOfVectors() {
        server.enqueue(request -> Reply.json(200, FakeEmbeddings.answer(List.of("a", "b"), DIM, false)));
        try (SiliconFlowEmbeddingModel model = model(server, time)) {
            EmbeddingResponseException e = catchThrowableOfType(EmbeddingResponseException.class,
                    () -> model.embed(List.of("a", "b", "c")));
            assertThat(e).hasMessageContaining("2 vectors for 3 inputs");
        }
    }

    @Test
    void rejectsNonFiniteNumbers() {
        String nan = "{\"data\":[{\"index\":0,\"embedding\":[0.1,NaN,0,0,0,0,0,0]}]}";
        String overflow = "{\"data\":[{\"index\":0,\"embedding\":[0.1,0,0,1e400,0,0,0,0]}]}";
        server.enqueue(request -> Reply.json(200, nan), request -> Reply.json(200, overflow));
        try (SiliconFlowEmbeddingModel model = model(server, time)) {
            assertThat(catchThrowableOfType(EmbeddingResponseException.class, () -> model.embed("x")))
                    .hasMessageContaining("non-finite component NaN at 1");
            assertThat(catchThrowableOfType(EmbeddingResponseException.class, () -> model.embed("x")))
                    .hasMessageContaining("non-finite component").hasMessageContaining("at 3");
        }
    }

    @Test
    void rejectsADuplicatedOrMissingIndex() {
        String duplicate = "{\"data\":[{\"index\":0,\"embedding\":[0,0,0,0,0,0,0,1]},"
                + "{\"index\":0,\"embedding\":[0,0,0,0,0,0,0,1]}]}";
        String missing = "{\"data\":[{\"embedding\":[0,0,0,0,0,0,0,1]}]}";
        server.enqueue(request -> Reply.json(200, duplicate), request -> Reply.json(200, missing));
        try (SiliconFlowEmbeddingModel model = model(server, time)) {
            assertThat(catchThrowableOfType(EmbeddingResponseException.class, () -> model.embed(List.of("a", "b"))))
                    .hasMessageContaining("index 0 twice");
            assertThat(catchThrowableOfType(EmbeddingResponseException.class, () -> model.embed("a")))
                    .hasMessageContaining("no integer \"index\"");
        }
    }

    @Test
    void blankInputIsRefusedBeforeAnyRequest() {
        try (SiliconFlowEmbeddingModel model = model(server, time)) {
            assertThat(catchThrowableOfType(EmbeddingInputException.class, () -> model.embed(List.of("ok", " "))))
                    .hasMessageContaining("position 1").hasMessageContaining("blank");
            assertThat(model.embed(List.of())).isEmpty();
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void closedModelRefusesCallsAndCloseIsIdempotent() {
        SiliconFlowEmbeddingModel model = model(server, time);
        model.close();
        model.close();
        assertThat(catchThrowableOfType(StoreClosedException.class, () -> model.embed("x")))
                .hasMessageContaining("siliconflow:BAAI/bge-m3");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void servesConcurrentCallersCorrectly() throws Exception {
        server.otherwise(FakeEmbeddings.ok(DIM));
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try (SiliconFlowEmbeddingModel model = model(server, time, "max-batch", "3")) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                List<String> texts = IntStream.range(0, 7).mapToObj(i -> "caller " + results.size() + " text " + i).toList();
                results.add(callers.submit(() -> {
                    List<float[]> vectors = model.embed(texts);
                    for (int i = 0; i < texts.size(); i++) {
                        assertThat(vectors.get(i)).containsExactly(FakeEmbeddings.vectorFor(texts.get(i), DIM));
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(server.requests()).hasSize(8 * 3);
    }
}
