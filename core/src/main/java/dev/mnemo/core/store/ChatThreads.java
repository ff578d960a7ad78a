package dev.mnemo.core.store;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.core.spi.ChatThreadSql;
import dev.mnemo.core.spi.StoreDatabase;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The chat threads of one store (see {@link MemoryStore#chatThread}): checks input, then one statement each. */
final class ChatThreads {
    static final int MAX_ID_CHARS = 256;
    static final int MAX_MESSAGES_CHARS = 16 * 1024 * 1024;

    private final StoreDatabase database;
    private final ChatThreadSql threads;
    private final Clock clock;

    ChatThreads(StoreDatabase database, Clock clock) {
        this.database = database;
        this.threads = database.chatThreads();
        this.clock = clock;
    }

    Optional<String> find(String threadId) {
        checkId(threadId);
        return database.read("reading chat thread " + threadId, c -> threads.find(c, threadId));
    }

    void save(String threadId, String messages) {
        checkId(threadId);
        if (messages == null) {
            throw new InvalidInputException("messages of chat thread " + threadId + " are null");
        }
        if (messages.length() > MAX_MESSAGES_CHARS) {
            throw new InvalidInputException("messages of chat thread " + threadId + " have " + messages.length()
                    + " characters, more than the limit of " + MAX_MESSAGES_CHARS);
        }
        database.write("saving chat thread " + threadId, c -> {
            threads.put(c, threadId, messages, clock.instant());
            return null;
        });
    }

    boolean delete(String threadId) {
        checkId(threadId);
        return database.write("deleting chat thread " + threadId, c -> threads.delete(c, threadId));
    }

    List<String> ids() {
        return database.read("listing chat threads", threads::ids);
    }

    private static void checkId(String threadId) {
        if (threadId == null || threadId.isEmpty()) {
            throw new InvalidInputException("chat thread id is null or empty");
        }
        if (threadId.length() > MAX_ID_CHARS) {
            throw new InvalidInputException("chat thread id has " + threadId.length()
                    + " characters, more than the limit of " + MAX_ID_CHARS);
        }
        if (threadId.indexOf('\0') >= 0) {
            throw new InvalidInputException("chat thread id contains a NUL character");
        }
    }
}
