package dev.mnemo.embedding.onnx;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.ProviderUnavailableException;
import dev.mnemo.api.StoreClosedException;
import dev.mnemo.api.embedding.EmbeddingException;
import dev.mnemo.api.embedding.EmbeddingInputException;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.api.embedding.EmbeddingResponseException;
import dev.mnemo.api.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One {@link ShippedModel} in process, through langchain4j's ONNX wrapper. Every vector is
 * checked for finite components and L2-normalised, so a dot product is the cosine similarity.
 *
 * <p>Thread-safe: the ONNX session is shared (ONNX Runtime allows concurrent runs) and the texts of
 * one batch are embedded in parallel on a small pool owned by this object. {@link #close()} stops
 * that pool and waits for calls in progress; the model file itself is loaded once per class loader
 * by langchain4j and stays loaded.
 */
public final class OnnxEmbeddingModel implements EmbeddingModel {

    private final ShippedModel model;
    private final ExecutorService pool;
    private final AbstractInProcessEmbeddingModel delegate;
    private final ReadWriteLock closeLock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    /**
     * Loads the model (about a second the first time in a JVM).
     *
     * @param model   which shipped model
     * @param threads how many texts of one batch run in parallel
     * @throws ProviderUnavailableException when the model or its native libraries cannot load
     */
    public OnnxEmbeddingModel(ShippedModel model, int threads) {
        if (model == null) {
            throw new IllegalArgumentException("model is null");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DaemonThreads());
        // Idle workers go away, so an unclosed model does not pin threads forever.
        executor.allowCoreThreadTimeOut(true);
        this.model = model;
        this.pool = executor;
        try {
            this.delegate = model.load(executor);
        } catch (LinkageError | RuntimeException e) {
            executor.shutdownNow();
            throw new ProviderUnavailableException("embedding model", OnnxEmbeddingProvider.NAME,
                    "loading " + model.id() + " failed: " + rootCause(e));
        }
    }

    @Override
    public String name() {
        return OnnxEmbeddingProvider.NAME + ":" + model.id();
    }

    /** The shipped model this instance runs. */
    public ShippedModel model() {
        return model;
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public Set<Character.UnicodeScript> scripts() {
        return model.scripts();
    }

    /** Embeds stored texts, each with the model's passage prefix (e5: {@code passage: }), if it has one. */
    @Override
    public List<float[]> embed(List<String> texts) {
        return embed(texts, model.passagePrefix());
    }

    /** Embeds search queries, each with the model's query prefix (e5: {@code query: }), if it has one. */
    @Override
    public List<float[]> embedQueries(List<String> queries) {
        return embed(queries, model.queryPrefix());
    }

    @Override
    public boolean embedsQueriesDifferently() {
        return !model.queryPrefix().equals(model.passagePrefix());
    }

    private List<float[]> embed(List<String> texts, String prefix) {
        List<TextSegment> segments = segments(texts, prefix);
        if (segments.isEmpty()) {
            return List.of();
        }
        List<Embedding> embeddings;
        closeLock.readLock().lock();
        try {
            if (closed) {
                throw new StoreClosedException("embedding model " + name());
            }
            embeddings = delegate.embedAll(segments).content();
        } catch (RuntimeException e) {
            if (e instanceof StoreClosedException) {
                throw e;
            }
            throw new EmbeddingException("embedding " + segments.size() + " text(s) with " + name()
                    + " failed: " + rootCause(e), e);
        } finally {
            closeLock.readLock().unlock();
        }
        if (embeddings == null || embeddings.size() != segments.size()) {
            throw new EmbeddingResponseException(name() + " returned " + (embeddings == null ? 0 : embeddings.size())
                    + " vectors for " + segments.size() + " texts");
        }
        List<float[]> out = new ArrayList<>(embeddings.size());
        for (int i = 0; i < embeddings.size(); i++) {
            out.add(checkedUnitVector(embeddings.get(i).vector(), model.dimension(), i, name()));
        }
        return out;
    }

    /** Rejects a wrong length or a non-finite component (the model, not the caller, is then at fault) and normalises. */
    static float[] checkedUnitVector(float[] vector, int dimension, int position, String modelName) {
        String what = "vector " + modelName + " produced for input " + position;
        try {
            Vectors.check(vector, dimension, what);
            return Vectors.normalized(vector, what);
        } catch (InvalidInputException e) {
            throw new EmbeddingResponseException(e.getMessage(), e);
        }
    }

    private static List<TextSegment> segments(List<String> texts, String prefix) {
        if (texts == null) {
            throw new EmbeddingInputException("the list of texts is null");
        }
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null) {
                throw new EmbeddingInputException("input at position " + i + " is null");
            }
            if (text.isBlank()) {
                throw new EmbeddingInputException("input at position " + i + " is empty or blank (length "
                        + text.length() + "); there is nothing to embed");
            }
            segments.add(TextSegment.from(prefix + text));
        }
        return segments;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }

    /** Stops the worker pool after calls in progress finish. Idempotent. */
    @Override
    public void close() {
        closeLock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                pool.shutdown();
            }
        } finally {
            closeLock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "OnnxEmbeddingModel[" + name() + ", " + model.dimension() + " dims" + (closed ? ", closed" : "") + "]";
    }

    /** Daemon workers with recognisable names: an embedding pool must never keep the JVM alive. */
    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "mnemo-onnx-embed-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
