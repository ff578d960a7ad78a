package dev.mnemo.spring.ai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mnemo.api.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.chat.messages.AbstractMessage;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;

/**
 * Spring AI chat messages as JSON text, the form a chat thread is kept in
 * ({@code MemoryStore.saveChatThread}):
 *
 * <pre>{@code
 * {"format":"mnemo-spring-ai-chat","version":1,"messages":[
 *   {"type":"USER","text":"Hi","metadata":{"lang":"en"},
 *    "media":[{"mimeType":"image/png","bytes":"iVBOR..."}]},
 *   {"type":"ASSISTANT","text":"","toolCalls":[{"id":"c1","type":"function","name":"weather","arguments":"{}"}]},
 *   {"type":"TOOL","toolResponses":[{"id":"c1","name":"weather","responseData":"sunny"}]}]}
 * }</pre>
 *
 * <p>Every message keeps its type, text and metadata; assistant messages their tool calls and
 * media, user messages their media (bytes as base64, or a URL), tool messages their responses.
 * Metadata values go through Jackson: strings, numbers, booleans, lists and maps come back as
 * such (a number as {@code Integer}, {@code Long} or {@code Double} by its size), other objects
 * as maps of their properties, and what Jackson cannot write (a {@code java.time} value, say) as
 * its {@code toString}. The {@code messageType} entry Spring AI adds to every message's
 * metadata is derived from the type and not stored.
 */
final class ChatMessageCodec {
    static final String FORMAT = "mnemo-spring-ai-chat";
    static final int VERSION = 1;

    private final ObjectMapper mapper;

    ChatMessageCodec() {
        this.mapper = new ObjectMapper()
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    String write(List<Message> messages) {
        List<StoredMessage> stored = new ArrayList<>(messages.size());
        for (Message message : messages) {
            stored.add(StoredMessage.of(Objects.requireNonNull(message, "message"), this::plain));
        }
        try {
            return mapper.writeValueAsString(new StoredThread(FORMAT, VERSION, stored));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("chat messages cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * A metadata value as JSON-ready maps, lists, strings, numbers and booleans; a value Jackson
     * cannot write (a {@code java.time} type, a class it cannot introspect) as its {@code toString},
     * so a provider's response metadata never makes saving a conversation fail.
     */
    private Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        try {
            return mapper.convertValue(value, Object.class);
        } catch (IllegalArgumentException e) {
            return String.valueOf(value);
        }
    }

    /**
     * The messages of a stored thread.
     *
     * @throws JsonProcessingException when the text is not JSON
     * @throws IllegalArgumentException when it is JSON of another format or version, or a message is malformed
     */
    List<Message> read(String json) throws JsonProcessingException {
        StoredThread thread = mapper.readValue(json, StoredThread.class);
        if (!FORMAT.equals(thread.format()) || thread.version() != VERSION) {
            throw new IllegalArgumentException("expected format " + FORMAT
                    + " version " + VERSION + ", found " + thread.format() + " version " + thread.version());
        }
        List<Message> messages = new ArrayList<>();
        if (thread.messages() != null) {
            for (StoredMessage m : thread.messages()) {
                messages.add(m.toMessage());
            }
        }
        return messages;
    }

    record StoredThread(String format, int version, List<StoredMessage> messages) {
    }

    record StoredMessage(MessageType type, String text, Map<String, Object> metadata, List<StoredMedia> media,
                         List<AssistantMessage.ToolCall> toolCalls,
                         List<ToolResponseMessage.ToolResponse> toolResponses) {

        static StoredMessage of(Message message, java.util.function.UnaryOperator<Object> plain) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            message.getMetadata().forEach((key, value) -> {
                if (!AbstractMessage.MESSAGE_TYPE.equals(key)) {
                    metadata.put(key, plain.apply(value));
                }
            });
            List<StoredMedia> media = List.of();
            List<AssistantMessage.ToolCall> toolCalls = List.of();
            List<ToolResponseMessage.ToolResponse> responses = List.of();
            if (message instanceof UserMessage user) {
                media = user.getMedia().stream().map(StoredMedia::of).toList();
            } else if (message instanceof AssistantMessage assistant) {
                media = assistant.getMedia().stream().map(StoredMedia::of).toList();
                toolCalls = assistant.getToolCalls();
            } else if (message instanceof ToolResponseMessage tool) {
                responses = tool.getResponses();
            }
            // empty parts are left out of the JSON (null); an empty text is kept, as it differs from none
            return new StoredMessage(message.getMessageType(), message.getText(), orNull(metadata), orNull(media),
                    orNull(toolCalls), orNull(responses));
        }

        private static <T> List<T> orNull(List<T> list) {
            return list == null || list.isEmpty() ? null : list;
        }

        private static Map<String, Object> orNull(Map<String, Object> map) {
            return map.isEmpty() ? null : map;
        }

        Message toMessage() {
            Map<String, Object> meta = metadata == null ? Map.of() : metadata;
            List<Media> mediaList = media == null ? List.of() : media.stream().map(StoredMedia::toMedia).toList();
            if (type == null) {
                throw new IllegalArgumentException("message without a type");
            }
            return switch (type) {
                case USER -> UserMessage.builder().text(text == null ? "" : text).media(mediaList).metadata(meta).build();
                case SYSTEM -> SystemMessage.builder().text(text == null ? "" : text).metadata(meta).build();
                case ASSISTANT -> AssistantMessage.builder().content(text).properties(meta).media(mediaList)
                        .toolCalls(toolCalls == null ? List.of() : toolCalls).build();
                case TOOL -> ToolResponseMessage.builder()
                        .responses(toolResponses == null ? List.of() : toolResponses).metadata(meta).build();
            };
        }
    }

    record StoredMedia(String mimeType, String id, String name, byte[] bytes, String url) {

        static StoredMedia of(Media media) {
            Object data = media.getData();
            String mime = media.getMimeType().toString();
            if (data instanceof byte[] bytes) {
                return new StoredMedia(mime, media.getId(), media.getName(), bytes, null);
            }
            if (data instanceof String url) {
                return new StoredMedia(mime, media.getId(), media.getName(), null, url);
            }
            throw new InvalidInputException("media " + media.getName() + " holds a " + data.getClass().getName()
                    + "; a chat thread keeps media as bytes or a URL");
        }

        Media toMedia() {
            Media.Builder builder = Media.builder().mimeType(MimeType.valueOf(mimeType))
                    .data(bytes != null ? bytes : url);
            if (id != null) {
                builder.id(id);
            }
            if (name != null) {
                builder.name(name);
            }
            return builder.build();
        }
    }
}
