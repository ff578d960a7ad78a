package dev.mnemo.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.StoreClosedException;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.spring.ai.MnemoChatMemoryRepository;
import dev.mnemo.spring.ai.MnemoEmbeddingModel;
import dev.mnemo.spring.ai.MnemoVectorStore;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.InMemoryChatMemoryRepository;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

class MnemoAutoConfigurationTest {
    @TempDir
    Path dir;

    /** The starter as an app gets it, on the exact backend and the hashing test model. */
    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MnemoAutoConfiguration.class,
                        MnemoVectorStoreAutoConfiguration.class))
                .withPropertyValues("mnemo.data-dir=" + dir, "mnemo.vector.backend=exact",
                        "mnemo.embedding.provider=test-hashing");
    }

    @Test
    void everyBeanIsThereAndWorks() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(MnemoConfig.class).hasSingleBean(MemoryService.class)
                    .hasSingleBean(MemoryStore.class).hasSingleBean(MnemoVectorStore.class)
                    .hasSingleBean(MnemoChatMemoryRepository.class);
            assertThat(context.getBean(MemoryStore.class).name()).isEqualTo("default");

            VectorStore vectors = context.getBean(VectorStore.class);
            vectors.add(List.of(new Document("d1", "green tea in the morning", Map.of("user", "u1"))));
            assertThat(vectors.similaritySearch(SearchRequest.builder().query("tea").topK(1).build()))
                    .extracting(Document::getId).containsExactly("d1");
            ChatMemoryRepository chats = context.getBean(ChatMemoryRepository.class);
            chats.saveAll("c1", List.of(new UserMessage("hello")));
            assertThat(chats.findConversationIds()).containsExactly("c1");
        });
    }

    @Test
    void mnemoPropertiesAreBoundIntoTheConfig() {
        runner().withPropertyValues("mnemo.embedding.test-hashing.dimension=24", "mnemo.search.recency-weight=0.3",
                        "mnemo.spring.character=Kafka", "mnemo.spring.document-type=doc",
                        "mnemo.spring.search-mode=hybrid")
                .withSystemProperties("mnemo.db.pool-size=3")
                .run(context -> {
                    MnemoConfig config = context.getBean(MnemoConfig.class);
                    assertThat(config.dataDir()).isEqualTo(dir);
                    assertThat(config.vectorBackend()).isEqualTo("exact");
                    assertThat(config.embeddingProvider()).isEqualTo("test-hashing");
                    assertThat(config.recencyWeight()).isEqualTo(0.3);
                    assertThat(config.poolSize()).isEqualTo(3);
                    assertThat(config.optionsUnder("mnemo.spring.")).isEmpty();
                    MemoryService service = context.getBean(MemoryService.class);
                    assertThat(service.model().dimension()).isEqualTo(24);
                    assertThat(service.backend().provider().name()).isEqualTo("exact");
                    MemoryStore store = context.getBean(MemoryStore.class);
                    assertThat(store.name()).isEqualTo("Kafka");
                    assertThat(store.databasePath()).startsWith(dir.resolve("memory").resolve("Kafka"));
                    assertThat(context.getBean(MnemoVectorStore.class).recordType().name()).isEqualTo("doc");
                    assertThat(context.getBean(MnemoVectorStore.class).searchMode())
                            .isEqualTo(dev.mnemo.api.SearchMode.HYBRID);
                });
    }

    @Test
    void aStoryIdSelectsTheStorysStore() {
        runner().withPropertyValues("mnemo.spring.story=save-1").run(context ->
                assertThat(context.getBean(MemoryStore.class).databasePath())
                        .startsWith(dir.resolve("saves").resolve("save-1")));
    }

    @Test
    void theVectorStoreFollowsSpringAiVectorStoreType() {
        runner().withPropertyValues("spring.ai.vectorstore.type=mnemo")
                .run(context -> assertThat(context).hasSingleBean(MnemoVectorStore.class));
        runner().withPropertyValues("spring.ai.vectorstore.type=pgvector").run(context -> {
            assertThat(context).doesNotHaveBean(VectorStore.class);
            assertThat(context).hasSingleBean(MemoryService.class).hasSingleBean(MnemoChatMemoryRepository.class);
        });
    }

    @Test
    void mnemoSpringEnabledFalseTurnsEverythingOff() {
        runner().withPropertyValues("mnemo.spring.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(MnemoConfig.class).doesNotHaveBean(MemoryService.class)
                    .doesNotHaveBean(MemoryStore.class).doesNotHaveBean(VectorStore.class)
                    .doesNotHaveBean(ChatMemoryRepository.class);
        });
    }

    @Test
    void theApplicationsOwnBeansWin() {
        runner().withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasSingleBean(MemoryService.class).hasSingleBean(VectorStore.class)
                    .hasSingleBean(ChatMemoryRepository.class).hasSingleBean(MnemoConfig.class);
            assertThat(context.getBean(MemoryService.class)).isSameAs(context.getBean("ownService"));
            assertThat(context.getBean(VectorStore.class)).isInstanceOf(SimpleVectorStore.class);
            assertThat(context.getBean(ChatMemoryRepository.class)).isInstanceOf(InMemoryChatMemoryRepository.class);
            assertThat(context.getBean(MnemoConfig.class).vectorBackend()).isEqualTo("jvector");
            // the store bean still comes from the starter, out of the application's service
            assertThat(context.getBean(MemoryStore.class).databasePath()).startsWith(dir.resolve("own"));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        @Bean
        MemoryService ownService(MnemoConfig config) {
            return TestStores.service(config.dataDir(), "exact");
        }

        @Bean
        MnemoConfig ownConfig(Environment environment) {
            return MnemoConfig.builder().dataDir(Path.of(environment.getProperty("mnemo.data-dir")).resolve("own"))
                    .set(MnemoConfig.VECTOR_BACKEND, "jvector").build();
        }

        @Bean
        VectorStore ownVectorStore() {
            return SimpleVectorStore.builder(new MnemoEmbeddingModel(new HashingEmbeddingModel(8))).build();
        }

        @Bean
        ChatMemoryRepository ownChats() {
            return new InMemoryChatMemoryRepository();
        }
    }

    @Test
    void theServiceAndItsStoresCloseWithTheContext() {
        runner().run(context -> {
            MemoryService service = context.getBean(MemoryService.class);
            MemoryStore store = context.getBean(MemoryStore.class);
            store.addConversation("hi", "hello", null);
            context.close();

            assertThatThrownBy(() -> store.stats()).isInstanceOf(StoreClosedException.class);
            assertThatThrownBy(() -> service.character("other")).isInstanceOf(StoreClosedException.class);
        });
        try (MemoryService reopened = TestStores.service(dir, "exact")) {
            assertThat(reopened.character("default").stats().totalRecords()).isEqualTo(1);
        }
    }

    @Test
    void aSpringAiEmbeddingModelIsUsedWhenAskedFor() {
        runner().withBean(EmbeddingModel.class, () -> new MnemoEmbeddingModel(new HashingEmbeddingModel(16)))
                .withPropertyValues("mnemo.spring.embedding.source=spring-ai", "mnemo.spring.embedding.name=test:hash-16",
                        "mnemo.data-dir=" + dir.resolve("spring-ai"))
                .run(context -> {
                    MemoryService service = context.getBean(MemoryService.class);
                    assertThat(service.model().name()).isEqualTo("test:hash-16");
                    assertThat(service.model().dimension()).isEqualTo(16);
                    assertThat(context.getBean(MemoryStore.class).stats().embeddingModel()).isEqualTo("test:hash-16");
                });
        // without being asked, an EmbeddingModel bean is left alone
        runner().withBean(EmbeddingModel.class, () -> new MnemoEmbeddingModel(new HashingEmbeddingModel(16)))
                .withPropertyValues("mnemo.data-dir=" + dir.resolve("mnemo"))
                .run(context -> assertThat(context.getBean(MemoryService.class).model().dimension())
                        .isEqualTo(TestStores.DIMENSION));
        runner().withPropertyValues("mnemo.spring.embedding.source=spring-ai").run(context ->
                assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("needs exactly one Spring AI EmbeddingModel bean, found 0"));
    }

    @Test
    void springAisChatMemoryKeepsConversationsInMnemo() {
        runner().withConfiguration(AutoConfigurations.of(ChatMemoryAutoConfiguration.class)).run(context -> {
            assertThat(context.getBean(ChatMemoryRepository.class)).isInstanceOf(MnemoChatMemoryRepository.class);
            context.getBean(ChatMemory.class).add("c", new UserMessage("remember this"));
            assertThat(context.getBean(MemoryStore.class).chatThreadIds()).containsExactly("c");
        });
    }
}
