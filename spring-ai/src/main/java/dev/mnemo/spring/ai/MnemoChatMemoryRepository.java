package dev.mnemo.spring.ai;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.core.store.MemoryStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.Message;

/**
 * A Spring AI {@link ChatMemoryRepository} that keeps each conversation as a chat thread of a
 * Mnemo {@link MemoryStore} (the {@code chat_thread} table of the store's SQLite file), so the
 * short-term window of a chat lives in the same file, backups and lifecycle as its long-term
 * memories. Use it with Spring AI's {@code MessageWindowChatMemory}.
 *
 * <p>A conversation's messages are one JSON document ({@link ChatMessageCodec} describes it:
 * type, text, metadata, tool calls, tool responses and media of every message);
 * {@link #saveAll} replaces them in one transaction. Conversation ids are 1 to 256 characters.
 * A thread whose text is not this format fails with a {@link CorruptFileException} naming the
 * database and the conversation.
 *
 * <p>Thread-safe. The store stays owned by its {@code MemoryService}.
 */
public final class MnemoChatMemoryRepository implements ChatMemoryRepository {
    private final MemoryStore store;
    private final ChatMessageCodec codec = new ChatMessageCodec();

    /** A repository over this store's chat threads; the store stays open and owned by its service. */
    public MnemoChatMemoryRepository(MemoryStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public List<String> findConversationIds() {
        return store.chatThreadIds();
    }

    @Override
    public List<Message> findByConversationId(String conversationId) {
        Optional<String> json = store.chatThread(checkId(conversationId));
        if (json.isEmpty()) {
            return List.of();
        }
        try {
            return codec.read(json.get());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CorruptFileException(store.databasePath(), "chat thread '" + conversationId
                    + "' does not hold Spring AI messages in " + ChatMessageCodec.FORMAT + " version "
                    + ChatMessageCodec.VERSION + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void saveAll(String conversationId, List<Message> messages) {
        checkId(conversationId);
        if (messages == null) {
            throw new InvalidInputException("messages of conversation " + conversationId + " are null");
        }
        if (messages.stream().anyMatch(Objects::isNull)) {
            throw new InvalidInputException("messages of conversation " + conversationId + " contain null");
        }
        store.saveChatThread(conversationId, codec.write(messages));
    }

    @Override
    public void deleteByConversationId(String conversationId) {
        store.deleteChatThread(checkId(conversationId));
    }

    private static String checkId(String conversationId) {
        if (conversationId == null || conversationId.isBlank()) {
            throw new InvalidInputException("conversation id is null or blank");
        }
        return conversationId;
    }
}
