package dev.mnemo.benchmarks.retrieval;

/**
 * What one system scored on one data set.
 *
 * @param dataset          data set label
 * @param system           {@code BM25} or {@code Mnemo <mode>}
 * @param model            embedding model id, or a description of the BM25 terms
 * @param queryInstruction whether queries were prefixed with the model's retrieval instruction
 * @param summary          ranking metrics
 * @param p50Ms            median search latency (for Mnemo including query embedding)
 * @param p99Ms            99th percentile search latency
 * @param ingestPerSecond  records stored per second including embedding, NaN for BM25
 */
public record SystemResult(String dataset, String system, String model, boolean queryInstruction,
                           MetricsSummary summary, double p50Ms, double p99Ms, double ingestPerSecond) {
}
