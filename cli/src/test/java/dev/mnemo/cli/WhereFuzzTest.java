package dev.mnemo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MnemoException;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.MetadataOracle;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search --where} under hostile expressions (the reliability suite's hostile-input run for
 * the CLI's filter grammar): random token soup, unclosed strings, deep nesting, 10 KB strings,
 * numbers out of range, type mismatches against stored values. Each expression is either refused
 * with an {@link InvalidInputException} whose one-line message starts with {@code --where} (or,
 * once parsed, refused by the store with a {@link MnemoException}), or it runs and every hit
 * satisfies the filter as evaluated here in Java.
 */
@Tag("reliability")
class WhereFuzzTest {
    private static final long SEED = 0x77686572L;
    private static final int CASES = 4_000;
    private static final List<String> PIECES = List.of("user_id", "importance", "pinned", "topic", "score", "k.1", "a-b",
            "(", ")", "and", "or", "not", "AND", "Or", "=", "!=", "!", ">", ">=", "<", "<=", "==", "in", "not in",
            "contains", "exists", ",", "'u1'", "\"u1\"", "'tea'", "3", "-2", "2.5", "-2.5e10", "1e400",
            "99999999999999999999", "true", "false", "TRUE", "null", "'unclosed", "\"", "'", "\\", "'a\\'b'", "*",
            "NEAR", "OR", "\"x\" OR \"y\"", "%", "_", "'%'", "\u0000", "银狼", "'银狼'", "'\uD83D\uDE00'", "\uD800",
            ";", "--", "/*", "'; DROP TABLE memory_record; --'", "$1", "?", "\t", "\n", "\u202E");

    @TempDir
    Path dataDir;

    @Test
    void hostileWhereExpressionsAreRefusedCleanlyOrFilterCorrectly() {
        Random random = new Random(SEED);
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            MemoryStore store = service.character("where");
            for (int i = 0; i < 40; i++) {
                store.add(MemoryDraft.of(RecordType.of("note"), "tea note " + i, Instant.parse("2026-01-01T00:00:00Z"))
                        .withMetadata(Map.of("user_id", "u" + (i % 3), "importance", (long) (i % 6),
                                "pinned", i % 2 == 0, "topic", i % 4 == 0 ? "tea" : "银狼", "score", i / 7.0)));
            }
            for (int i = 0; i < CASES; i++) {
                String expression = expression(random);
                String outcome;
                try {
                    outcome = run(store, expression);
                } catch (RuntimeException | StackOverflowError e) {
                    failures.add(describe(expression) + ": " + e);
                    continue;
                }
                outcomes.merge(outcome, 1, Integer::sum);
                if (outcome.startsWith("WRONG")) {
                    failures.add(describe(expression) + ": " + outcome);
                }
            }
        }
        System.out.printf("RELIABILITY where cases=%d seed=%d outcomes=%s failures=%d%n", CASES, SEED, outcomes,
                failures.size());
        assertThat(failures).as("expressions that failed with something other than a clear Mnemo error, or filtered wrongly")
                .isEmpty();
        assertThat(outcomes).containsKeys("ok", "syntax");
    }

    /** What one expression did: "ok", "syntax" (refused by the parser), a store refusal, or "WRONG ...". */
    private static String run(MemoryStore store, String expression) {
        MetadataFilter filter;
        try {
            filter = WhereParser.parse(expression);
        } catch (InvalidInputException e) {
            String message = e.getMessage();
            if (!message.startsWith("--where") || message.contains("\n")) {
                return "WRONG message: " + message;
            }
            return "syntax";
        }
        List<MemoryHit> hits;
        try {
            hits = store.search("tea", SearchRequest.builder().k(50).metadata(filter).build());
        } catch (MnemoException e) {
            return e.getMessage().contains("\n") ? "WRONG message: " + e.getMessage() : e.getClass().getSimpleName();
        }
        for (MemoryHit hit : hits) {
            if (!MetadataOracle.matches(filter, hit.record().metadata())) {
                return "WRONG hit " + hit.record().metadata() + " does not match " + filter;
            }
        }
        return "ok";
    }

    private static String expression(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "(".repeat(1 + random.nextInt(300)) + "importance >= 1" + ")".repeat(random.nextInt(301));
            case 1 -> "topic contains '" + "x".repeat(10_000 + random.nextInt(10)) + "'";
            case 2 -> "not ".repeat(1 + random.nextInt(100)) + "pinned = true";
            case 3 -> wellFormed(random, 0);
            default -> soup(random);
        };
    }

    private static String soup(Random random) {
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(20);
        for (int i = 0; i < n; i++) {
            b.append(PIECES.get(random.nextInt(PIECES.size()))).append(random.nextInt(4) == 0 ? "" : " ");
        }
        return b.toString();
    }

    /** A grammatical expression over the stored keys with values of any kind, so type mismatches come up. */
    private static String wellFormed(Random random, int depth) {
        String[] keys = {"user_id", "importance", "pinned", "topic", "score", "missing"};
        String[] values = {"'u1'", "'tea'", "3", "-1", "2.5", "true", "false", "'银狼'"};
        String key = keys[random.nextInt(keys.length)];
        String value = values[random.nextInt(values.length)];
        int op = depth > 4 ? random.nextInt(6) : random.nextInt(9);
        return switch (op) {
            case 0 -> key + " = " + value;
            case 1 -> key + " != " + value;
            case 2 -> key + (random.nextBoolean() ? " >= " : " < ") + value;
            case 3 -> key + " in (" + value + ", " + values[random.nextInt(values.length)] + ")";
            case 4 -> key + " not in (" + value + ")";
            case 5 -> random.nextBoolean() ? key + " exists" : key + " contains 'e'";
            case 6 -> "(" + wellFormed(random, depth + 1) + " and " + wellFormed(random, depth + 1) + ")";
            case 7 -> wellFormed(random, depth + 1) + " or " + wellFormed(random, depth + 1);
            default -> "not (" + wellFormed(random, depth + 1) + ")";
        };
    }

    private static String describe(String expression) {
        return expression.length() > 120 ? expression.substring(0, 120) + "... (" + expression.length() + " chars)"
                : expression;
    }
}
