package dev.mnemo.core.store;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * How a store reports on itself.
 *
 * @param history  operation timings kept per operation in the store's database; 0 turns the log off
 * @param registry the application's Micrometer registry, or {@code null} for none
 * @param kind     {@code character} or {@code story}, a tag on every meter
 */
record Monitoring(int history, MeterRegistry registry, String kind) {
}
