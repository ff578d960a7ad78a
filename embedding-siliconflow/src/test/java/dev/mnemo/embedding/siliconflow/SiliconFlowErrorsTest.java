package dev.mnemo.embedding.siliconflow;

import static dev.mnemo.embedding.siliconflow.Fixture.DIM;
import static dev.mnemo.embedding.siliconflow.Fixture.KEY;
import static dev.mnemo.embedding.siliconflow.Fixture.assertKeyNotIn;
import static dev.mnemo.embedding.siliconflow.Fixture.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mnemo.api.embedding.EmbeddingAuthException;
import dev.mnemo.api.embedding.EmbeddingInputException;
import dev.mnemo.api.embedding.EmbeddingUnavailableException;
import dev.mnemo.embedding.siliconflow.LoopbackServer.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Errors a user must be able to act on, and the API key kept out of every one of them. */
class SiliconFlowErrorsTest {

    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();
    private final TestTime time = new TestTime();

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void rejectedKeyIsAnAuthErrorNamingTheVariableButNotTheKey(int status) {
        server.otherwise(request -> Reply.json(status, "{\"code\":20007,\"message\":\"Invalid token\"}"));
        try (SiliconFlowEmbeddingModel model = model(server, time)) {
            EmbeddingAuthException e = catchThrowableOfType(EmbeddingAuthException.class, () -> model.embed("hello"));
            assertThat(assertKeyNotIn(e)).hasMessageContaining("HTTP " + status).hasMessageContaining("MEMORY_API_KEY")
                    .hasMessageContaining("rejected").hasMessageContaining("Invalid token");
        }
        assertThat(server.requests()).as("no retry on %d", status).hasSize(1);
        assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void tooLongInputIsNamedByPositionAndLength() {
        server.enqueue(FakeEmbeddings.ok(DIM), request -> Reply.json(413,
                "{\"code\":20015,\"message\":\"input must have less than 8192 tokens\"}"));
        List<String> texts = List.of("one", "two", "three", "x".repeat(40_000), "five");
        try (SiliconFlowEmbeddingModel model = model(server, time, "max-batch", "2")) {
            EmbeddingInputException e = catchThrowableOfType(EmbeddingInputException.class, () -> model.embed(texts));
            assertThat(assertKeyNotIn(e)).hasMessageContaining("HTTP 413")
                    .hasMessageContaining("positions 2 to 3")
                    .hasMessageContaining("input 3 (40000 characters)")
                    .hasMessageContaining("less than 8192 tokens");
        }
        assertThat(server.requests()).as("the second batch is not retried").hasSize(2);
    }

    @Test
    void serverTextEchoingTheKeyIsScrubbed() {
        server.otherwise(request -> Reply.json(500, "{\"message\":\"upstream rejected token " + KEY + "\"}"));
        try (SiliconFlowEmbeddingModel model = model(server, time, "retry.max-attempts", "1")) {
            EmbeddingUnavailableException e = catchThrowableOfType(EmbeddingUnavailableException.class,
                    () -> model.embed("hello"));
            assertThat(assertKeyNotIn(e)).hasMessageContaining("upstream rejected token ***");
        }
    }

    @Test
    void toStringsNeverShowTheKey() {
        try (SiliconFlowEmbeddingModel model = model(server, time)) {
            assertThat(model.toString()).doesNotContain(KEY).contains("siliconflow:BAAI/bge-m3");
        }
        SiliconFlowSettings settings = SiliconFlowSettings.fromOptions(Map.of("api-key", KEY), n -> null);
        assertThat(settings.toString()).doesNotContain(KEY).contains("api-key=***");
    }
}
