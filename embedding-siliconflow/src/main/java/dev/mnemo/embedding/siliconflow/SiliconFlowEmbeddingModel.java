package dev.mnemo.embedding.siliconflow;

import dev.mnemo.api.ProviderUnavailableException;
import dev.mnemo.api.StoreClosedException;
import dev.mnemo.api.embedding.EmbeddingInputException;
import dev.mnemo.api.embedding.EmbeddingModel;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Embeddings from SiliconFlow (or any OpenAI-compatible {@code /embeddings} endpoint). Inputs are
 * sent in batches of at most {@code max-batch}; each batch is one request run under the rate
 * limiter, circuit breaker and retry policy of this instance. Either every input gets its vector
 * or an exception is thrown: nothing partial is returned. Vectors are returned as the service sent
 * them (bge-m3's are already unit length).
 *
 * <p>Thread-safe; share one instance so its rate limit covers the whole application. The owner
 * closes it; afterwards calls fail with {@link StoreClosedException}.
 */
public final class SiliconFlowEmbeddingModel implements EmbeddingModel {

    private final SiliconFlowSettings settings;
    private final HttpClient client;
    private final EmbeddingsExchange exchange;
    private final ResilientExecutor executor;
    private volatile boolean closed;

    /** A model on the system clock that really sleeps between retries. */
    public SiliconFlowEmbeddingModel(SiliconFlowSettings settings) {
        this(settings, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /**
     * @param clock   time for the circuit breaker and for {@code Retry-After} dates
     * @param sleeper does the waiting between retries and for rate-limit permits
     * @throws ProviderUnavailableException when the settings carry no API key
     */
    public SiliconFlowEmbeddingModel(SiliconFlowSettings settings, Clock clock, Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (!settings.hasApiKey()) {
            throw new ProviderUnavailableException("embedding model", SiliconFlowProvider.NAME,
                    SiliconFlowProvider.NO_KEY_REASON);
        }
        this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
        this.exchange = new EmbeddingsExchange(client, settings, Objects.requireNonNull(clock, "clock"));
        this.executor = new ResilientExecutor("SiliconFlow embeddings (" + settings.baseUrl().getHost() + ")",
                settings, clock, Objects.requireNonNull(sleeper, "sleeper"));
    }

    @Override
    public String name() {
        return SiliconFlowProvider.NAME + ":" + settings.model();
    }

    @Override
    public int dimension() {
        return settings.dimension();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        check(texts);
        List<float[]> out = new ArrayList<>(texts.size());
        int batchSize = settings.maxBatch();
        for (int offset = 0; offset < texts.size(); offset += batchSize) {
            if (closed) {
                throw new StoreClosedException("embedding model " + name());
            }
            List<String> batch = List.copyOf(texts.subList(offset, Math.min(texts.size(), offset + batchSize)));
            int first = offset;
            out.addAll(executor.call(() -> exchange.embed(batch, first)));
        }
        return out;
    }

    private void check(List<String> texts) {
        if (closed) {
            throw new StoreClosedException("embedding model " + name());
        }
        if (texts == null) {
            throw new EmbeddingInputException("the list of texts is null");
        }
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null) {
                throw new EmbeddingInputException("input at position " + i + " is null");
            }
            if (text.isBlank()) {
                throw new EmbeddingInputException("input at position " + i + " is empty or blank (length "
                        + text.length() + "); there is nothing to embed");
            }
        }
    }

    /** Current circuit breaker state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}), for health reports. */
    /** {@code requests}, {@code retries}, {@code failures}, {@code breaker_state} (0 closed, 1 open, 2 half-open). */
    @Override
    public Map<String, Number> telemetry() {
        return executor.telemetry();
    }

    public String breakerState() {
        return executor.breaker().getState().name();
    }

    /**
     * Refuses further calls and, on JDK 21+, closes the HTTP client (which waits for requests in
     * flight, at most {@code timeout} each). Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // HttpClient is AutoCloseable only from JDK 21; on 17 its threads end once it is unreachable.
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing useful to do: the client is abandoned either way
            }
        }
    }

    @Override
    public String toString() {
        return "SiliconFlowEmbeddingModel[" + name() + ", " + dimension() + " dims, " + settings.baseUrl()
                + (closed ? ", closed" : "") + "]";
    }
}
