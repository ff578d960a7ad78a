package dev.mnemo.core.monitor;

import dev.mnemo.api.embedding.EmbeddingModel;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes an embedding model's own telemetry ({@link EmbeddingModel#telemetry()}) once per
 * service, tagged {@code model}: {@code breaker_state} as the gauge
 * {@code mnemo.embedding.breaker.state} (0 closed, 1 open, 2 half-open), every other key as the
 * counter {@code mnemo.embedding.<key>} (e.g. {@code requests}, {@code retries}, {@code failures}).
 */
public final class ModelMeters implements AutoCloseable {
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();

    public ModelMeters(MeterRegistry registry, EmbeddingModel model) {
        this.registry = registry;
        for (String key : model.telemetry().keySet()) {
            if (key.equals("breaker_state")) {
                meters.add(Gauge.builder("mnemo.embedding.breaker.state", model, m -> value(m, key))
                        .tag("model", model.name()).register(registry));
            } else {
                meters.add(FunctionCounter.builder("mnemo.embedding." + key, model, m -> value(m, key))
                        .tag("model", model.name()).register(registry));
            }
        }
    }

    private static double value(EmbeddingModel model, String key) {
        Number n = model.telemetry().get(key);
        return n == null ? Double.NaN : n.doubleValue();
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
        meters.clear();
    }
}
