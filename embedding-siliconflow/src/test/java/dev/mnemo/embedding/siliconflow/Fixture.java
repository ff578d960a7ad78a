package dev.mnemo.embedding.siliconflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

/** Builds models pointed at the loopback server, with a test key that must never leak. */
final class Fixture {
    static final String KEY = "sk-test-SECRET-4f9a0c77";
    static final int DIM = 8;

    private Fixture() {
    }

    /** A model with dimension 8, short backoffs and the given extra options (key, value, key, value...). */
    static SiliconFlowEmbeddingModel model(LoopbackServer server, TestTime time, String... extra) {
        Map<String, String> options = new HashMap<>();
        options.put("base-url", server.baseUrl().toString());
        options.put("api-key", KEY);
        options.put("dimension", Integer.toString(DIM));
        options.put("timeout", "5s");
        options.put("retry.initial-backoff", "100ms");
        for (int i = 0; i < extra.length; i += 2) {
            options.put(extra[i], extra[i + 1]);
        }
        return new SiliconFlowEmbeddingModel(SiliconFlowSettings.fromOptions(options, name -> null), time, time);
    }

    /** Fails when the key appears in the message of {@code t}, its causes or suppressed exceptions. */
    static <T extends Throwable> T assertKeyNotIn(T t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            assertThat(String.valueOf(c.getMessage())).doesNotContain(KEY);
            assertThat(c.toString()).doesNotContain(KEY);
            for (Throwable s : c.getSuppressed()) {
                assertThat(String.valueOf(s.getMessage())).doesNotContain(KEY);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return t;
    }
}
