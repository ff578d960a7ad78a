package dev.mnemo.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JMH run of a profile: a benchmark class, its parameter values and iteration settings.
 *
 * @param name          short name; the JMH JSON is written to {@code jmh-<name>.json}
 * @param benchmark     the benchmark class
 * @param params        JMH parameter values (override the class's {@code @Param} defaults); a
 *                      {@code variant} list is filtered by backend availability before the run
 * @param warmups       warm-up iterations
 * @param warmupSeconds seconds per warm-up iteration (ignored by SingleShotTime)
 * @param iterations    measurement iterations
 * @param seconds       seconds per measurement iteration (ignored by SingleShotTime)
 * @param forks         forks per parameter set
 * @param jvmArgs       extra fork JVM arguments of this plan
 */
public record Plan(String name, Class<?> benchmark, Map<String, List<String>> params, int warmups, int warmupSeconds,
                   int iterations, int seconds, int forks, List<String> jvmArgs) {
    public Plan {
        params = new LinkedHashMap<>(params);
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** The same plan with other variants. */
    public Plan withVariants(List<String> variants) {
        Map<String, List<String>> copy = new LinkedHashMap<>(params);
        copy.put("variant", List.copyOf(variants));
        return new Plan(name, benchmark, copy, warmups, warmupSeconds, iterations, seconds, forks, jvmArgs);
    }

    /** The variants this plan runs (empty when it has no variant parameter). */
    public List<String> variants() {
        return params.getOrDefault("variant", List.of());
    }
}
