package dev.mnemo.embedding.siliconflow;

import dev.mnemo.api.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Validated, immutable settings of the SiliconFlow client, read from the
 * {@code mnemo.embedding.siliconflow.*} options (prefix removed). See {@link SiliconFlowProvider}
 * for every key and its default. {@link #toString()} never shows the API key.
 */
public final class SiliconFlowSettings {

    /** Environment variable read when no {@code api-key} option is given. */
    public static final String API_KEY_ENV = "MEMORY_API_KEY";
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.siliconflow.cn/v1");
    public static final String DEFAULT_MODEL = "BAAI/bge-m3";
    public static final int DEFAULT_DIMENSION = 1024;
    /** SiliconFlow accepts at most 64 inputs per request. */
    public static final int DEFAULT_MAX_BATCH = 64;

    static final Set<String> KEYS = Set.of("base-url", "model", "api-key", "dimension", "max-batch", "timeout",
            "connect-timeout", "retry.max-attempts", "retry.initial-backoff", "retry.multiplier", "retry.jitter",
            "retry.max-backoff", "retry.max-retry-after", "breaker.failure-rate", "breaker.window",
            "breaker.minimum-calls", "breaker.open-duration", "breaker.half-open-calls", "rate-limit.requests",
            "rate-limit.period", "rate-limit.max-wait");

    private static final Duration MAX_DURATION = Duration.ofHours(24);
    private static final Duration ONE_MS = Duration.ofMillis(1);

    private final URI baseUrl;
    private final String model;
    private final ApiKey apiKey;
    private final String apiKeySource;
    private final int dimension;
    private final int maxBatch;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final RetrySettings retry;
    private final BreakerSettings breaker;
    private final RateLimitSettings rateLimit;

    /** Backoff between attempts: exponential with jitter, stretched to honour {@code Retry-After} up to a cap. */
    public record RetrySettings(int maxAttempts, Duration initialBackoff, double multiplier, double jitter,
                                Duration maxBackoff, Duration maxRetryAfter) {
    }

    /** Count-based circuit breaker over the last {@code window} requests. */
    public record BreakerSettings(float failureRatePercent, int window, int minimumCalls, Duration openDuration,
                                  int halfOpenCalls) {
    }

    /** At most {@code requests} HTTP requests per {@code period}, shared by every thread using one model. */
    public record RateLimitSettings(int requests, Duration period, Duration maxWait) {
    }

    private SiliconFlowSettings(OptionReader r, Function<String, String> environment) {
        this.baseUrl = baseUrl(r.raw("base-url"));
        this.model = r.string("model", DEFAULT_MODEL);
        String optionKey = r.raw("api-key");
        String envKey = optionKey == null ? blankToNull(environment.apply(API_KEY_ENV)) : null;
        this.apiKeySource = optionKey != null ? OptionReader.PREFIX + "api-key"
                : envKey != null ? "environment variable " + API_KEY_ENV : null;
        this.apiKey = optionKey != null ? ApiKey.of(optionKey, apiKeySource)
                : envKey != null ? ApiKey.of(envKey, apiKeySource) : null;
        this.dimension = r.integer("dimension", DEFAULT_DIMENSION, 1, 65_536);
        this.maxBatch = r.integer("max-batch", DEFAULT_MAX_BATCH, 1, 2048);
        this.timeout = r.duration("timeout", Duration.ofSeconds(60), ONE_MS, MAX_DURATION);
        this.connectTimeout = r.duration("connect-timeout", Duration.ofSeconds(10), ONE_MS, MAX_DURATION);
        this.retry = new RetrySettings(
                r.integer("retry.max-attempts", 4, 1, 100),
                r.duration("retry.initial-backoff", Duration.ofMillis(500), ONE_MS, MAX_DURATION),
                r.decimal("retry.multiplier", 2.0, 1.0, 100.0, true),
                r.decimal("retry.jitter", 0.5, 0.0, 1.0, false),
                r.duration("retry.max-backoff", Duration.ofSeconds(30), ONE_MS, MAX_DURATION),
                r.duration("retry.max-retry-after", Duration.ofSeconds(120), Duration.ZERO, MAX_DURATION));
        this.breaker = new BreakerSettings(
                (float) r.decimal("breaker.failure-rate", 50.0, 1.0, 100.0, true),
                r.integer("breaker.window", 20, 1, 10_000),
                r.integer("breaker.minimum-calls", 10, 1, 10_000),
                r.duration("breaker.open-duration", Duration.ofSeconds(30), ONE_MS, MAX_DURATION),
                r.integer("breaker.half-open-calls", 2, 1, 1000));
        this.rateLimit = new RateLimitSettings(
                r.integer("rate-limit.requests", 20, 1, 1_000_000),
                r.duration("rate-limit.period", Duration.ofSeconds(1), ONE_MS, MAX_DURATION),
                r.duration("rate-limit.max-wait", Duration.ofSeconds(60), Duration.ZERO, MAX_DURATION));
    }

    /** Reads options, taking a missing key from the {@value #API_KEY_ENV} environment variable. */
    public static SiliconFlowSettings fromOptions(Map<String, String> options) {
        return fromOptions(options, System::getenv);
    }

    /**
     * Reads options with an explicit environment (tests pass a map's {@code get}).
     *
     * @throws InvalidInputException naming the first malformed or unknown option
     */
    public static SiliconFlowSettings fromOptions(Map<String, String> options, Function<String, String> environment) {
        return new SiliconFlowSettings(new OptionReader(options, KEYS), environment);
    }

    private static URI baseUrl(String value) {
        if (value == null) {
            return DEFAULT_BASE_URL;
        }
        String text = value;
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith("/embeddings")) {
            // Accept the full endpoint too; we append /embeddings ourselves.
            text = text.substring(0, text.length() - "/embeddings".length());
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawUserInfo() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new InvalidInputException(OptionReader.PREFIX + "base-url must be an http(s) URL with a host and no"
                + " query or credentials, like " + DEFAULT_BASE_URL + ", got '" + value + "'");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** {@code POST} target: the base URL followed by {@code /embeddings}. */
    public URI endpoint() {
        return URI.create(baseUrl + "/embeddings");
    }

    public String model() {
        return model;
    }

    /** Whether a key was found, in the options or the environment. */
    public boolean hasApiKey() {
        return apiKey != null;
    }

    /** Where the key came from (an option or the environment variable), for messages; empty without a key. */
    public Optional<String> apiKeySource() {
        return Optional.ofNullable(apiKeySource);
    }

    ApiKey apiKey() {
        return apiKey;
    }

    public int dimension() {
        return dimension;
    }

    public int maxBatch() {
        return maxBatch;
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public RetrySettings retry() {
        return retry;
    }

    public BreakerSettings breaker() {
        return breaker;
    }

    public RateLimitSettings rateLimit() {
        return rateLimit;
    }

    @Override
    public String toString() {
        return "SiliconFlowSettings[base-url=" + baseUrl + ", model=" + model + ", api-key="
                + (apiKey == null ? "none" : "*** from " + apiKeySource) + ", dimension=" + dimension
                + ", max-batch=" + maxBatch + ", timeout=" + timeout + ", " + retry + ", " + breaker + ", "
                + rateLimit + "]";
    }
}
