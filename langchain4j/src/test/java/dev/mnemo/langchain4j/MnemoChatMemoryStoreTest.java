package dev.mnemo.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.StoreClosedException;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** LangChain4j chat memory in a Mnemo store's database: per memory id, replaced whole, kept across restarts. */
class MnemoChatMemoryStoreTest {
    private static final ToolExecutionRequest WEATHER = ToolExecutionRequest.builder()
            .id("call-1").name("weather").arguments("{\"city\":\"Penacony\"}").build();

    @TempDir
    Path dataDir;

    private static List<ChatMessage> conversation() {
        return List.of(
                SystemMessage.from("You are Kafka."),
                UserMessage.from("Trailblazer", "What is the weather like?"),
                AiMessage.from(List.of(WEATHER)),
                ToolExecutionResultMessage.from(WEATHER, "dreamy, 21 degrees"),
                AiMessage.from("Dreamy, as always. 你好, 🌙."));
    }

    @Test
    void messagesSurviveClosingAndReopeningTheStore() {
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            MnemoChatMemoryStore chats = new MnemoChatMemoryStore(service.character("Kafka"));
            chats.updateMessages("user-1", conversation());
            chats.updateMessages(42, List.of(UserMessage.from("a number as memory id")));
        }
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            MnemoChatMemoryStore chats = new MnemoChatMemoryStore(service.character("Kafka"));
            assertThat(chats.getMessages("user-1")).isEqualTo(conversation());
            assertThat(chats.getMessages(42)).containsExactly(UserMessage.from("a number as memory id"));
            assertThat(chats.getMessages("42")).isEqualTo(chats.getMessages(42)); // ids are used as their strings
            assertThat(chats.memoryIds()).containsExactly("42", "user-1");
        }
    }

    @Test
    void anUpdateReplacesTheWholeListAndDeleteRemovesIt() {
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            MnemoChatMemoryStore chats = new MnemoChatMemoryStore(service.character("Kafka"));
            assertThat(chats.getMessages("user-1")).isEmpty();
            chats.updateMessages("user-1", conversation());
            chats.updateMessages("user-1", List.of(AiMessage.from("only this")));
            assertThat(chats.getMessages("user-1")).containsExactly(AiMessage.from("only this"));

            chats.updateMessages("user-1", List.of());
            assertThat(chats.getMessages("user-1")).isEmpty();
            assertThat(chats.memoryIds()).containsExactly("user-1");

            chats.deleteMessages("user-1");
            chats.deleteMessages("never-saved");
            assertThat(chats.getMessages("user-1")).isEmpty();
            assertThat(chats.memoryIds()).isEmpty();
        }
    }

    @Test
    void threadsBelongToTheirStoreAndAreNotRecords() {
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            MemoryStore kafka = service.character("Kafka");
            new MnemoChatMemoryStore(kafka).updateMessages("t", conversation());
            assertThat(new MnemoChatMemoryStore(service.character("Silver Wolf")).getMessages("t")).isEmpty();
            assertThat(kafka.stats().totalRecords()).isZero();
            assertThat(kafka.chatThread("t")).get().asString().contains("You are Kafka."); // LangChain4j's JSON
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t\n"})
    void nullOrBlankMemoryIdsAreRefused(String memoryId) {
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            MnemoChatMemoryStore chats = new MnemoChatMemoryStore(service.character("Kafka"));
            assertThatThrownBy(() -> chats.getMessages(memoryId)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("memoryId cannot be");
            assertThatThrownBy(() -> chats.updateMessages(memoryId, conversation()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> chats.deleteMessages(memoryId)).isInstanceOf(IllegalArgumentException.class);
            assertThat(chats.memoryIds()).isEmpty();
        }
    }

    @Test
    void badMessagesAndOversizedIdsAreRefusedAndNothingIsWritten() {
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            MnemoChatMemoryStore chats = new MnemoChatMemoryStore(service.character("Kafka"));
            chats.updateMessages("user-1", conversation());

            assertThatThrownBy(() -> chats.updateMessages("user-1", null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("messages cannot be null");
            List<ChatMessage> withNull = new ArrayList<>(Arrays.asList(UserMessage.from("hi"), null));
            assertThatThrownBy(() -> chats.updateMessages("user-1", withNull))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("messages cannot contain null");
            assertThatThrownBy(() -> chats.updateMessages("x".repeat(257), conversation()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("257 characters");
            assertThatThrownBy(() -> chats.updateMessages("a\0b", conversation()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("NUL");
            assertThatThrownBy(() -> new MnemoChatMemoryStore(null)).isInstanceOf(NullPointerException.class);

            assertThat(chats.getMessages("user-1")).isEqualTo(conversation());
            assertThat(chats.memoryIds()).containsExactly("user-1");
        }
    }

    @Test
    void aClosedStoreSaysSo() {
        MemoryService service = TestStores.service(dataDir, "exact");
        MnemoChatMemoryStore chats = new MnemoChatMemoryStore(service.character("Kafka"));
        service.close();
        assertThatThrownBy(() -> chats.getMessages("user-1")).isInstanceOf(StoreClosedException.class);
    }
}
