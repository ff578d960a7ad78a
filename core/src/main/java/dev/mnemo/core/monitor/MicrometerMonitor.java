package dev.mnemo.core.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a store's activity to the application's Micrometer registry. Every meter is tagged
 * with {@code store} (the character or story name), {@code kind} ({@code character} or
 * {@code story}) and {@code backend}. The only class that touches Micrometer, so core runs
 * without it on the class path when no registry is given.
 *
 * <ul>
 *   <li>{@code mnemo.search}: timer of whole searches; {@code mnemo.search.phase} per {@code phase}
 *       (embed, filter, index, fetch, rank)</li>
 *   <li>{@code mnemo.operation}: timer per {@code op} (add, batch_add, update, delete, prune, backup,
 *       restore, reconcile)</li>
 *   <li>{@code mnemo.embedding.texts}: counter per {@code result} (cache_hit, cache_miss);
 *       {@code mnemo.embedding.calls}: calls to the model</li>
 *   <li>gauges {@code mnemo.records}, {@code mnemo.index.vectors}, {@code mnemo.index.tombstones},
 *       {@code mnemo.database.bytes}, {@code mnemo.index.file.bytes}</li>
 * </ul>
 * Meters are removed from the registry when the store closes.
 */
public final class MicrometerMonitor implements StoreMonitor {
    private static final String[] PHASES = {"embed", "filter", "index", "fetch", "rank"};

    private final MeterRegistry registry;
    private final Tags tags;
    private final Timer search;
    private final Timer[] phases = new Timer[PHASES.length];
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Counter modelCalls;
    private final List<Meter> meters = new ArrayList<>();

    public MicrometerMonitor(MeterRegistry registry, String store, String kind, String backend, GaugeSource gauges) {
        this.registry = registry;
        this.tags = Tags.of("store", store, "kind", kind, "backend", backend);
        this.search = keep(Timer.builder("mnemo.search").description("memory searches").tags(tags).register(registry));
        for (int i = 0; i < PHASES.length; i++) {
            phases[i] = keep(Timer.builder("mnemo.search.phase").tags(tags).tag("phase", PHASES[i]).register(registry));
        }
        this.cacheHits = keep(Counter.builder("mnemo.embedding.texts").tags(tags).tag("result", "cache_hit").register(registry));
        this.cacheMisses = keep(Counter.builder("mnemo.embedding.texts").tags(tags).tag("result", "cache_miss").register(registry));
        this.modelCalls = keep(Counter.builder("mnemo.embedding.calls").description("calls to the embedding model")
                .tags(tags).register(registry));
        gauge("mnemo.records", gauges, GaugeSource::records);
        gauge("mnemo.index.vectors", gauges, GaugeSource::indexSize);
        gauge("mnemo.index.tombstones", gauges, GaugeSource::tombstones);
        gauge("mnemo.database.bytes", gauges, GaugeSource::databaseBytes);
        gauge("mnemo.index.file.bytes", gauges, GaugeSource::indexFileBytes);
    }

    @Override
    public void search(SearchTrace trace) {
        search.record(trace.totalNanos(), TimeUnit.NANOSECONDS);
        long[] nanos = {trace.embedNanos(), trace.filterNanos(), trace.indexNanos(), trace.fetchNanos(), trace.rankNanos()};
        for (int i = 0; i < nanos.length; i++) {
            phases[i].record(nanos[i], TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void operation(String name, long nanos, int records) {
        // Micrometer caches meters by id, so this lookup is a map hit after the first call
        keep(Timer.builder("mnemo.operation").tags(tags).tag("op", name).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void embedding(int hits, int misses) {
        cacheHits.increment(hits);
        cacheMisses.increment(misses);
        if (misses > 0) {
            modelCalls.increment(); // the model is called exactly when something missed the cache
        }
    }

    @Override
    public synchronized void close() {
        meters.forEach(registry::remove);
        meters.clear();
    }

    private void gauge(String name, GaugeSource source, ToDoubleFunction<GaugeSource> value) {
        keep(Gauge.builder(name, source, s -> {
            try {
                return value.applyAsDouble(s);
            } catch (RuntimeException closedOrFailing) {
                return Double.NaN; // a gauge read after close must not throw into the registry
            }
        }).tags(tags).register(registry));
    }

    private synchronized <M extends Meter> M keep(M meter) {
        if (!meters.contains(meter)) {
            meters.add(meter);
        }
        return meter;
    }
}
