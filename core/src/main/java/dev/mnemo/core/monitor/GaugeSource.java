package dev.mnemo.core.monitor;

/** Live figures of a store for gauges; each method is cheap or reads one small query. */
public interface GaugeSource {
    long records();

    long indexSize();

    long tombstones();

    long databaseBytes();

    long indexFileBytes();
}
