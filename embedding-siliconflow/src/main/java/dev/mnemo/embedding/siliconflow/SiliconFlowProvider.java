package dev.mnemo.embedding.siliconflow;

import dev.mnemo.api.Availability;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.ProviderUnavailableException;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.api.embedding.EmbeddingModelProvider;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code siliconflow} embedding provider: SiliconFlow's OpenAI-compatible
 * {@code POST {base-url}/embeddings} API (any compatible service works).
 *
 * <p>Options: the {@code mnemo.embedding.siliconflow.*} keys with the prefix removed. Durations are
 * written {@code 500ms}, {@code 30s}, {@code 2m} or ISO-8601 ({@code PT30S}). An unknown key is an error.
 * <table>
 * <caption>Options and defaults</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code base-url}</td><td>{@code https://api.siliconflow.cn/v1}</td><td>API root; {@code /embeddings} is appended</td></tr>
 * <tr><td>{@code model}</td><td>{@code BAAI/bge-m3}</td><td>model id sent to the service; the store records {@code siliconflow:<model>}</td></tr>
 * <tr><td>{@code api-key}</td><td>environment variable {@code MEMORY_API_KEY}</td><td>bearer token; never logged or shown</td></tr>
 * <tr><td>{@code dimension}</td><td>1024</td><td>expected vector length; other lengths are rejected</td></tr>
 * <tr><td>{@code max-batch}</td><td>64</td><td>inputs per request (SiliconFlow accepts at most 64)</td></tr>
 * <tr><td>{@code timeout}</td><td>60s</td><td>per request, from sending to the full answer</td></tr>
 * <tr><td>{@code connect-timeout}</td><td>10s</td><td>for opening a connection</td></tr>
 * <tr><td>{@code retry.max-attempts}</td><td>4</td><td>attempts per batch, the first included; retried: 429, 5xx, I/O errors, timeouts</td></tr>
 * <tr><td>{@code retry.initial-backoff}</td><td>500ms</td><td>wait before the second attempt</td></tr>
 * <tr><td>{@code retry.multiplier}</td><td>2.0</td><td>growth of the wait per attempt</td></tr>
 * <tr><td>{@code retry.jitter}</td><td>0.5</td><td>randomisation factor in [0, 1): the wait is spread by +/- this share</td></tr>
 * <tr><td>{@code retry.max-backoff}</td><td>30s</td><td>cap on the computed wait</td></tr>
 * <tr><td>{@code retry.max-retry-after}</td><td>120s</td><td>longest {@code Retry-After} we honour; a longer one ends the retries</td></tr>
 * <tr><td>{@code breaker.failure-rate}</td><td>50</td><td>percent of failed requests (5xx, I/O, bad answers) that opens the breaker</td></tr>
 * <tr><td>{@code breaker.window}</td><td>20</td><td>requests the failure rate is computed over</td></tr>
 * <tr><td>{@code breaker.minimum-calls}</td><td>10</td><td>requests needed before the rate counts</td></tr>
 * <tr><td>{@code breaker.open-duration}</td><td>30s</td><td>calls fail fast this long, then trial requests are let through</td></tr>
 * <tr><td>{@code breaker.half-open-calls}</td><td>2</td><td>trial requests that decide whether to close again</td></tr>
 * <tr><td>{@code rate-limit.requests}</td><td>20</td><td>requests per period, shared by all threads using one model</td></tr>
 * <tr><td>{@code rate-limit.period}</td><td>1s</td><td>rate-limit period</td></tr>
 * <tr><td>{@code rate-limit.max-wait}</td><td>60s</td><td>longest wait for a permit before failing</td></tr>
 * </table>
 *
 * <p>Failures: {@link dev.mnemo.api.embedding.EmbeddingAuthException} (401/403),
 * {@link dev.mnemo.api.embedding.EmbeddingInputException} (400/413, naming the longest input of the
 * batch by position and length), {@link dev.mnemo.api.embedding.EmbeddingResponseException} (bad JSON,
 * wrong count or dimension, non-finite numbers), {@link dev.mnemo.api.embedding.EmbeddingUnavailableException}
 * (retries exhausted, open breaker, rate limit). The user's legacy JSON configuration converts
 * with {@link LegacyEmbeddingConfig}.
 */
public final class SiliconFlowProvider implements EmbeddingModelProvider {

    /** The provider name used in configuration. */
    public static final String NAME = "siliconflow";

    static final String NO_KEY_REASON = "no API key configured: set the " + SiliconFlowSettings.API_KEY_ENV
            + " environment variable or the " + OptionReader.PREFIX + "api-key option";

    private final Function<String, String> environment;

    /** Reads the API key fallback from the process environment. */
    public SiliconFlowProvider() {
        this(System::getenv);
    }

    /** With an explicit environment lookup (tests, embedding applications with their own settings). */
    public SiliconFlowProvider(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Available when the options are valid and a key is configured; the key is not checked until the first call. */
    @Override
    public Availability availability(Map<String, String> options) {
        SiliconFlowSettings settings;
        try {
            settings = SiliconFlowSettings.fromOptions(options, environment);
        } catch (InvalidInputException e) {
            return Availability.no(e.getMessage());
        }
        if (!settings.hasApiKey()) {
            return Availability.no(NO_KEY_REASON);
        }
        return Availability.yes("API key from " + settings.apiKeySource().orElseThrow() + " for "
                + settings.endpoint() + " (not verified until the first request)");
    }

    /**
     * @throws InvalidInputException       for a malformed or unknown option
     * @throws ProviderUnavailableException when no API key is configured
     */
    @Override
    public EmbeddingModel create(Map<String, String> options) {
        return new SiliconFlowEmbeddingModel(SiliconFlowSettings.fromOptions(options, environment));
    }
}
