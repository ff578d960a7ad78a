package dev.mnemo.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.TestStores;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeTypeUtils;

class MnemoChatMemoryRepositoryTest {
    @TempDir
    Path dir;
    private MemoryService service;
    private MemoryStore store;
    private MnemoChatMemoryRepository repository;

    @BeforeEach
    void open() {
        service = TestStores.service(dir, "exact");
        store = service.character("chat");
        repository = new MnemoChatMemoryRepository(store);
    }

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void everyMessageKindRoundTripsWithMetadataToolCallsAndMedia() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
        List<Message> messages = List.of(
                SystemMessage.builder().text("You are Kafka.").metadata(Map.of("persona", "kafka")).build(),
                UserMessage.builder().text("What is in this picture?")
                        .media(Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(png).name("pic").id("m1").build(),
                                new Media(MimeTypeUtils.IMAGE_JPEG, URI.create("https://example.org/a.jpg")))
                        .metadata(Map.of("lang", "en", "turn", 3, "big", 5_000_000_000L, "score", 0.25,
                                "tags", List.of("a", "b"), "flag", true))
                        .build(),
                AssistantMessage.builder().content("").toolCalls(List.of(
                        new AssistantMessage.ToolCall("c1", "function", "weather", "{\"city\":\"Sofia\"}"))).build(),
                ToolResponseMessage.builder().responses(List.of(
                        new ToolResponseMessage.ToolResponse("c1", "weather", "sunny"))).build(),
                new AssistantMessage("It is sunny in Sofia."));

        repository.saveAll("conv-1", messages);
        List<Message> back = repository.findByConversationId("conv-1");

        assertThat(back).hasSize(messages.size());
        assertThat(back).usingRecursiveFieldByFieldElementComparatorIgnoringFields("media")
                .containsExactlyElementsOf(messages);
        UserMessage user = (UserMessage) back.get(1);
        assertThat(user.getMetadata()).containsEntry("turn", 3).containsEntry("big", 5_000_000_000L)
                .containsEntry("score", 0.25).containsEntry("tags", List.of("a", "b")).containsEntry("flag", true);
        assertThat(user.getMedia()).hasSize(2);
        assertThat(user.getMedia().get(0).getDataAsByteArray()).containsExactly(png);
        assertThat(user.getMedia().get(0).getMimeType()).isEqualTo(MimeTypeUtils.IMAGE_PNG);
        assertThat(user.getMedia().get(0).getName()).isEqualTo("pic");
        assertThat(user.getMedia().get(0).getId()).isEqualTo("m1");
        assertThat(user.getMedia().get(1).getData()).isEqualTo("https://example.org/a.jpg");
        assertThat(((AssistantMessage) back.get(2)).getToolCalls())
                .containsExactly(new AssistantMessage.ToolCall("c1", "function", "weather", "{\"city\":\"Sofia\"}"));
        assertThat(((ToolResponseMessage) back.get(3)).getResponses())
                .containsExactly(new ToolResponseMessage.ToolResponse("c1", "weather", "sunny"));
    }

    /** A provider's response metadata, whatever its types, never makes saving a conversation fail. */
    @Test
    void metadataJacksonCannotWriteIsKeptAsText() {
        java.time.Instant when = java.time.Instant.parse("2026-12-02T10:00:00Z");
        Map<String, Object> metadata = new java.util.HashMap<>();
        metadata.put("created", when);
        metadata.put("usage", new Usage(12, 30));
        metadata.put("opaque", new Object());
        repository.saveAll("meta", List.of(AssistantMessage.builder().content("hi").properties(metadata).build()));

        Map<String, Object> back = repository.findByConversationId("meta").get(0).getMetadata();
        assertThat(back).containsEntry("created", "2026-12-02T10:00:00Z")
                .containsEntry("usage", Map.of("promptTokens", 12, "completionTokens", 30))
                .containsKey("opaque");
    }

    record Usage(int promptTokens, int completionTokens) {
    }

    @Test
    void saveReplacesAndDeleteRemovesOneConversation() {
        repository.saveAll("a", List.of(new UserMessage("one"), new AssistantMessage("two")));
        repository.saveAll("b", List.of(new UserMessage("other")));
        repository.saveAll("a", List.of(new UserMessage("three")));

        assertThat(repository.findConversationIds()).containsExactly("a", "b");
        assertThat(repository.findByConversationId("a")).extracting(Message::getText).containsExactly("three");

        repository.deleteByConversationId("a");
        assertThat(repository.findConversationIds()).containsExactly("b");
        assertThat(repository.findByConversationId("a")).isEmpty();
        assertThat(repository.findByConversationId("never")).isEmpty();
        repository.deleteByConversationId("never");
    }

    @Test
    void conversationsSurviveReopeningAndLiveBesideRecords() {
        store.addConversation("hi", "hello", null);
        repository.saveAll("kept", List.of(new UserMessage("remember me")));
        service.close();
        service = TestStores.service(dir, "exact");
        MnemoChatMemoryRepository reopened = new MnemoChatMemoryRepository(service.character("chat"));

        assertThat(reopened.findByConversationId("kept")).extracting(Message::getText).containsExactly("remember me");
        assertThat(service.character("chat").stats().totalRecords()).isEqualTo(1);
    }

    @Test
    void messageWindowChatMemoryKeepsTheLastMessagesOfEachConversation() {
        ChatMemory memory = MessageWindowChatMemory.builder().chatMemoryRepository(repository).maxMessages(3).build();
        List<Message> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Message m = i % 2 == 1 ? new UserMessage("u" + i) : new AssistantMessage("a" + i);
            sent.add(m);
            memory.add("c", m);
        }
        memory.add("d", new UserMessage("elsewhere"));

        assertThat(memory.get("c")).extracting(Message::getText).containsExactly("u3", "a4", "u5");
        assertThat(memory.get("d")).extracting(Message::getText).containsExactly("elsewhere");
        memory.clear("c");
        assertThat(repository.findConversationIds()).containsExactly("d");
    }

    @Test
    void aThreadInAnotherFormatIsACorruptFileNamingTheConversation() {
        store.saveChatThread("foreign", "[{\"role\":\"user\"}]");
        store.saveChatThread("future", "{\"format\":\"mnemo-spring-ai-chat\",\"version\":99,\"messages\":[]}");

        assertThatThrownBy(() -> repository.findByConversationId("foreign"))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("'foreign'");
        assertThatThrownBy(() -> repository.findByConversationId("future"))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("version 99");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> repository.saveAll(" ", List.of())).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> repository.findByConversationId(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> repository.saveAll("x", null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> repository.saveAll("x", Arrays.asList(new UserMessage("a"), null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> repository.saveAll("x".repeat(300), List.of(new UserMessage("a"))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(repository.findConversationIds()).isEmpty();
    }
}
