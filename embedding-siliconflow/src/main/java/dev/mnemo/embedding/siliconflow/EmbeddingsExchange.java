package dev.mnemo.embedding.siliconflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mnemo.api.embedding.EmbeddingAuthException;
import dev.mnemo.api.embedding.EmbeddingException;
import dev.mnemo.api.embedding.EmbeddingInputException;
import dev.mnemo.api.embedding.EmbeddingResponseException;
import dev.mnemo.api.embedding.EmbeddingUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * One {@code POST /embeddings} request for one batch: builds the JSON body, sends it, and turns the
 * status into a result, a {@link RetryableFailure} (429, 5xx, I/O, timeout) or a final
 * {@link EmbeddingException} naming the problem. Thread-safe.
 */
final class EmbeddingsExchange {
    private static final int SNIPPET_CHARS = 300;

    private final HttpClient client;
    private final SiliconFlowSettings settings;
    private final URI endpoint;
    private final ApiKey apiKey;
    private final ResponseParser parser;
    private final Clock clock;

    EmbeddingsExchange(HttpClient client, SiliconFlowSettings settings, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.endpoint = settings.endpoint();
        this.apiKey = settings.apiKey();
        this.parser = new ResponseParser(settings.dimension());
        this.clock = clock;
    }

    /**
     * @param batch  the texts of this request
     * @param offset position of {@code batch.get(0)} in the caller's list, for messages
     */
    List<float[]> embed(List<String> batch, int offset) throws RetryableFailure {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + apiKey.reveal())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(batch)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw RetryableFailure.io("no answer from " + endpoint + " within " + Durations.format(settings.timeout())
                    + " (timed out)", e);
        } catch (IOException e) {
            throw RetryableFailure.io("I/O error talking to " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingUnavailableException("interrupted while waiting for " + endpoint, e);
        }
        return handle(response, batch, offset);
    }

    private byte[] body(List<String> batch) {
        ObjectNode body = ResponseParser.MAPPER.createObjectNode();
        body.put("model", settings.model());
        ArrayNode input = body.putArray("input");
        batch.forEach(input::add);
        body.put("encoding_format", "float");
        try {
            return ResponseParser.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new EmbeddingException("could not encode the request body", e);
        }
    }

    private List<float[]> handle(HttpResponse<byte[]> response, List<String> batch, int offset)
            throws RetryableFailure {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return parser.parse(response.body(), batch.size(), offset);
        }
        String said = serverMessage(response.body());
        if (status == 429 || status >= 500) {
            throw RetryableFailure.http(status, retryAfter(response), "HTTP " + status + " from " + endpoint + said);
        }
        if (status == 401 || status == 403) {
            throw new EmbeddingAuthException("HTTP " + status + " from " + endpoint + ": the API key from "
                    + settings.apiKeySource().orElse("?") + " was rejected (missing, wrong or without access to "
                    + settings.model() + "); set a valid key in the " + SiliconFlowSettings.API_KEY_ENV
                    + " environment variable or the " + OptionReader.PREFIX + "api-key option" + said);
        }
        if (status == 400 || status == 413) {
            throw new EmbeddingInputException("HTTP " + status + " from " + endpoint + ": the service refused a batch of "
                    + batch.size() + " input(s) at positions " + offset + " to " + (offset + batch.size() - 1)
                    + "; the longest is input " + longest(batch, offset) + " - probably too long for "
                    + settings.model() + said);
        }
        if (status >= 400) {
            throw new EmbeddingException("HTTP " + status + " from " + endpoint + " for model " + settings.model()
                    + " (check the base-url and model options)" + said);
        }
        throw new EmbeddingResponseException("unexpected HTTP " + status + " from " + endpoint + said);
    }

    private static String longest(List<String> batch, int offset) {
        int best = 0;
        for (int i = 1; i < batch.size(); i++) {
            if (batch.get(i).length() > batch.get(best).length()) {
                best = i;
            }
        }
        return (offset + best) + " (" + batch.get(best).length() + " characters)";
    }

    /** The server's own explanation, shortened, stripped of control characters and of our key. */
    private String serverMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode json = ResponseParser.MAPPER.readTree(body);
            JsonNode message = json == null ? null : json.path("message");
            if (message == null || message.isMissingNode()) {
                message = json == null ? null : json.path("error").path("message");
            }
            if (message != null && message.isTextual()) {
                text = message.asText();
            }
        } catch (IOException e) {
            // not JSON: show the raw text
        }
        text = apiKey.scrub(text).replaceAll("\\p{Cntrl}+", " ").strip();
        if (text.length() > SNIPPET_CHARS) {
            text = text.substring(0, SNIPPET_CHARS) + "...";
        }
        return text.isEmpty() ? "" : "; the service said: " + text;
    }

    /** {@code Retry-After} as seconds or an HTTP date; absent or unreadable means "no advice". */
    private Duration retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) {
            return null;
        }
        String value = header.get().strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException e) {
            // try the date form
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
