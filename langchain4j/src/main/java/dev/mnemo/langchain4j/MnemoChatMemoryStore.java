package dev.mnemo.langchain4j;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.mnemo.core.store.MemoryStore;
import java.util.List;
import java.util.Objects;

/**
 * A LangChain4j {@link ChatMemoryStore} in a Mnemo store's SQLite database: the messages of each
 * memory id are one chat thread ({@link MemoryStore#saveChatThread}), serialised with LangChain4j's
 * {@link ChatMessageSerializer}, and replaced as a whole in one transaction on every update. So they
 * survive restarts, travel with the store's backups, and never mix with its records (searches do not
 * see them).
 *
 * <p>A memory id is used through its {@code toString()}: it must be non-null, and its string not blank
 * and at most 256 characters. This class does not close the memory store: its {@code MemoryService}
 * does. Thread-safe, as the memory store is.
 */
public final class MnemoChatMemoryStore implements ChatMemoryStore {
    private final MemoryStore store;

    /** @param store the memory store whose database keeps the messages */
    public MnemoChatMemoryStore(MemoryStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The messages last saved for the memory id; empty when there are none. */
    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        return store.chatThread(threadId(memoryId)).map(ChatMessageDeserializer::messagesFromJson).orElseGet(List::of);
    }

    /** Replaces the memory id's messages with these (an empty list keeps an empty thread). */
    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        String threadId = threadId(memoryId);
        if (messages == null) {
            throw new IllegalArgumentException("messages cannot be null");
        }
        if (messages.stream().anyMatch(Objects::isNull)) { // List.of(...).contains(null) would throw
            throw new IllegalArgumentException("messages cannot contain null");
        }
        store.saveChatThread(threadId, ChatMessageSerializer.messagesToJson(messages));
    }

    /** Deletes the memory id's messages; nothing happens when it has none. */
    @Override
    public void deleteMessages(Object memoryId) {
        store.deleteChatThread(threadId(memoryId));
    }

    /** The memory ids (as strings) that have messages, in order. */
    public List<String> memoryIds() {
        return store.chatThreadIds();
    }

    private static String threadId(Object memoryId) {
        if (memoryId == null) {
            throw new IllegalArgumentException("memoryId cannot be null");
        }
        String id = memoryId.toString();
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("memoryId cannot be blank");
        }
        return id;
    }
}
