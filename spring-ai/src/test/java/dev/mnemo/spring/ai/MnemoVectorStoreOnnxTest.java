package dev.mnemo.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;

/** With the default local model, documents rank by meaning, not by shared words. */
class MnemoVectorStoreOnnxTest {
    @TempDir
    Path dir;

    @Test
    void theDefaultModelRanksByMeaning() {
        MnemoConfig config = MnemoConfig.builder().dataDir(dir).set(MnemoConfig.VECTOR_BACKEND, "jvector").build();
        try (MemoryService service = MemoryService.open(config)) {
            MnemoVectorStore store = MnemoVectorStore.builder(service.character("docs"), service.model()).build();
            store.add(List.of(
                    new Document("cats", "Cats are independent animals that purr and nap all day.", Map.of("topic", "pets")),
                    new Document("rates", "The central bank raised interest rates again.", Map.of("topic", "money")),
                    new Document("rust", "Rust is a systems programming language without a garbage collector.",
                            Map.of("topic", "code"))));

            List<Document> hits = store.similaritySearch(SearchRequest.builder().query("my kitten sleeps a lot")
                    .topK(3).build());
            assertThat(hits).extracting(Document::getId).hasSize(3).first().isEqualTo("cats");
            assertThat(hits.get(0).getScore()).isGreaterThan(hits.get(1).getScore());

            assertThat(store.similaritySearch(SearchRequest.builder().query("borrowing money from banks")
                    .topK(1).filterExpression("topic != 'pets'").build()))
                    .extracting(Document::getId).containsExactly("rates");
        }
    }
}
