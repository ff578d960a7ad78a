package dev.mnemo.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.MemoryStats;
import dev.mnemo.core.monitor.OperationReport;
import java.time.Duration;
import dev.mnemo.api.SearchRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON shapes of the CLI's output (snake_case keys, ISO-8601 UTC timestamps). A contract
 * scripts rely on: keys are only ever added.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String write(Object document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static Map<String, Object> record(MemoryRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("character", r.characterName());
        m.put("record_type", r.type().name());
        m.put("timestamp", iso(r.timestamp()));
        m.put("text", r.text());
        m.put("user", r.userMessage());
        m.put("assistant", r.assistantMessage());
        m.put("created_at", iso(r.createdAt()));
        m.put("updated_at", iso(r.updatedAt()));
        m.put("metadata", r.metadata());
        if (r.vectorIndex() != null) {
            m.put("vector_index", r.vectorIndex());
        }
        return m;
    }

    static Map<String, Object> hit(MemoryHit h, double recencyWeight, Duration halfLife, boolean explain) {
        return hit(h, recencyWeight, halfLife, SearchRequest.DEFAULT_RRF_K, explain);
    }

    static Map<String, Object> hit(MemoryHit h, double recencyWeight, Duration halfLife, int rrfK,
                                   boolean explain) {
        Map<String, Object> m = record(h.record());
        m.put("similarity", h.similarity());
        m.put("recency", h.recency());
        m.put("score", h.score());
        m.putAll(Scores.legs(h.explanation()));
        if (explain) {
            m.put("explain", Scores.explain(h, recencyWeight, halfLife, rrfK));
        }
        return m;
    }

    /** Recent operation timings from the store's persisted operation log. */
    static Map<String, Object> operations(OperationReport report) {
        Map<String, Object> ops = new TreeMap<>();
        report.operations().forEach((name, o) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", o.count());
            m.put("p50_ms", o.p50Millis());
            m.put("p99_ms", o.p99Millis());
            m.put("max_ms", o.maxMillis());
            ops.put(name, m);
        });
        List<Object> slow = new ArrayList<>();
        report.slowestSearches().forEach(x -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", iso(x.at()));
            m.put("ms", x.millis());
            m.put("plan", x.plan());
            slow.add(m);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("operations", ops);
        out.put("slowest_searches", slow);
        return out;
    }

    /** @param databaseLocation where the store's records live (its file, or server and schema) */
    static Map<String, Object> stats(String store, MemoryStats s, String databaseLocation, String indexPath) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store", store);
        m.put("total_records", s.totalRecords());
        m.put("conversation_records", s.conversationRecords());
        m.put("records_by_type", new LinkedHashMap<>(s.recordsByType()));
        m.put("oldest_record_time", iso(s.oldestRecordTime()));
        m.put("latest_record_time", iso(s.latestRecordTime()));
        m.put("database_path", s.databasePath() == null ? databaseLocation : s.databasePath().toAbsolutePath().toString());
        m.put("database_size_bytes", s.databaseSizeBytes());
        m.put("index_backend", s.indexBackend());
        m.put("backend_note", s.backendNote());
        m.put("index_size", s.indexSize());
        m.put("index_path", indexPath);
        m.put("index_file_bytes", s.indexFileBytes());
        m.put("embedding_model", s.embeddingModel());
        m.put("dimension", s.dimension());
        m.put("embedding_cache_entries", s.cacheEntries());
        m.put("embedding_cache_hits", s.cacheHits());
        m.put("embedding_cache_misses", s.cacheMisses());
        m.put("table_bytes", new LinkedHashMap<>(s.tableBytes()));
        m.put("free_bytes", s.freeBytes());
        return m;
    }
}
