package dev.mnemo.benchmarks;

import dev.mnemo.benchmarks.retrieval.RetrievalBenchmark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs a benchmark profile and writes {@code <out>/} with JMH JSON per plan, {@code facts.jsonl},
 * the Python FAISS reference, {@code report.md} and {@code latency-recall.png}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [quick|full|large] [--out DIR] [--cache DIR]
 *      [--keep-cache] [--only PLAN,...]
 * </pre>
 *
 * Plans: search, search-1024, text, filtered, store, build, ingest-one, ingest-batch (see
 * {@link Profile}) and python (the python3-faiss reference). {@code retrieval} as the profile runs
 * the retrieval-quality plan instead ({@link RetrievalBenchmark}, its own options), in this JVM.
 *
 * Forks run on JDK 25 ({@code /usr/lib/jvm/temurin-25-jdk-amd64}, or {@code MNEMO_BENCH_JVM})
 * when present, else on this JVM, with {@code --add-modules jdk.incubator.vector} so that JVector
 * and the exact scan can use the Vector API. Backends that are not installed or cannot run here
 * are left out of every plan and listed in the report with the reason.
 */
public final class BenchmarkRunner {
    static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    private BenchmarkRunner() {
    }

    public static void main(String[] args) throws RunnerException {
        if (args.length > 0 && args[0].equals("retrieval")) {
            RetrievalBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        String profileName = "quick";
        Path out = Path.of("results", LocalDate.now(ZoneOffset.UTC).toString());
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "mnemo-bench-cache");
        boolean keepCache = false;
        Set<String> only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--cache" -> cache = Path.of(args[++i]);
                case "--keep-cache" -> keepCache = true;
                case "--only" -> only = Set.of(args[++i].split(","));
                default -> {
                    if (args[i].startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                    profileName = args[i];
                }
            }
        }
        Profile profile = Profile.named(profileName);
        prepare(out, cache, keepCache);
        Path factsFile = out.resolve(ReportWriter.FACTS).toAbsolutePath();
        Facts facts = new Facts(factsFile);
        Backends backends = Backends.discover();
        String jvm = forkJvm();
        environment(facts, "profile", profile.name());
        environment(facts, "cores", Runtime.getRuntime().availableProcessors());
        environment(facts, "load average at start (1/5/15 min)", loadAverage());
        environment(facts, "started", Instant.now().toString());
        environment(facts, "backends", backends.availability().toString());
        List<String> jvmArgs = List.of("-Xms" + profile.heap(), "-Xmx" + profile.heap(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-D" + BenchEnv.CACHE_PROPERTY + "=" + cache.toAbsolutePath(),
                "-D" + BenchEnv.FACTS_PROPERTY + "=" + factsFile,
                "-D" + BenchEnv.QUERIES_PROPERTY + "=" + profile.queries());
        for (Plan plan : profile.plans()) {
            if (only == null || only.contains(plan.name())) {
                Optional<Plan> runnable = available(plan, backends, facts);
                if (runnable.isPresent()) {
                    run(runnable.get(), jvm, jvmArgs, out);
                }
            }
            // right after the Java search, so both see the same machine state
            if (plan.name().equals("search") && profile.python() != null && (only == null || only.contains("python"))) {
                python(profile, backends, cache, out, facts);
            }
        }
        environment(facts, "load average at end (1/5/15 min)", loadAverage());
        environment(facts, "finished", Instant.now().toString());
        Path report = ReportWriter.write(out);
        System.out.println("results: " + out.toAbsolutePath());
        System.out.println("report:  " + report.toAbsolutePath());
        System.out.println("chart:   " + out.resolve(ReportWriter.CHART).toAbsolutePath());
    }

    /** The plan without the variants whose backend cannot run here, or empty when none is left. */
    static Optional<Plan> available(Plan plan, Backends backends, Facts facts) {
        List<String> kept = new ArrayList<>();
        for (String label : plan.variants()) {
            Optional<String> reason = backends.unavailableReason(Variant.parse(label));
            if (reason.isPresent()) {
                System.out.println("skipping " + label + " in " + plan.name() + ": " + reason.get());
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("what", plan.name() + " " + label);
                f.put("reason", reason.get());
                facts.record(Facts.SKIPPED, f);
            } else {
                kept.add(label);
            }
        }
        if (!plan.variants().isEmpty() && kept.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(plan.variants().isEmpty() ? plan : plan.withVariants(kept));
    }

    private static void run(Plan plan, String jvm, List<String> jvmArgs, Path out) throws RunnerException {
        List<String> args = new ArrayList<>(jvmArgs);
        args.addAll(plan.jvmArgs());
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(plan.benchmark().getName()) + "\\.")
                .forks(plan.forks())
                .warmupIterations(plan.warmups())
                .measurementIterations(plan.iterations())
                .jvm(jvm)
                .jvmArgs(args.toArray(String[]::new))
                // a 100k HNSW build or a 20k one-by-one ingest runs for minutes in one invocation
                .timeout(TimeValue.minutes(60))
                .shouldFailOnError(false)
                .result(out.resolve("jmh-" + plan.name() + ".json").toString())
                .resultFormat(ResultFormatType.JSON);
        if (plan.warmupSeconds() > 0) {
            options.warmupTime(TimeValue.seconds(plan.warmupSeconds()));
        }
        if (plan.seconds() > 0) {
            options.measurementTime(TimeValue.seconds(plan.seconds()));
        }
        plan.params().forEach((name, values) -> options.param(name, values.toArray(String[]::new)));
        System.out.println("== plan " + plan.name() + ": " + plan.params());
        new Runner(options.build()).run();
    }

    private static void python(Profile profile, Backends backends, Path cache, Path out, Facts facts) {
        System.out.println("== python3-faiss reference: " + profile.python());
        Optional<String> skipped = PythonFaissReference.run(profile.python(), profile.queries(), backends, cache,
                cache.resolve("python"),
                out.resolve(ReportWriter.PYTHON).toAbsolutePath());
        skipped.ifPresent(reason -> {
            System.out.println("skipping the python3-faiss reference: " + reason);
            facts.record(Facts.SKIPPED, Map.of("what", "python3-faiss reference", "reason", reason));
        });
    }

    /** JDK 25 when installed (or MNEMO_BENCH_JVM), else the running JVM. */
    static String forkJvm() {
        String configured = System.getenv("MNEMO_BENCH_JVM");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (Files.isExecutable(JDK25)) {
            return JDK25.toString();
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void prepare(Path out, Path cache, boolean keepCache) {
        try {
            Files.createDirectories(out);
            // a rerun on the same day replaces the folder's results instead of mixing two runs
            try (DirectoryStream<Path> old = Files.newDirectoryStream(out,
                    "{jmh-*.json," + ReportWriter.FACTS + "," + ReportWriter.PYTHON + "," + ReportWriter.REPORT + ","
                            + ReportWriter.CHART + "}")) {
                for (Path p : old) {
                    Files.delete(p);
                }
            }
            if (!keepCache) {
                // cached indexes were built by the code of an earlier run; results must reflect this build
                StoreFixture.deleteTree(cache);
            }
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + out, e);
        }
    }

    private static void environment(Facts facts, String what, Object value) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("what", what);
        f.put("value", value);
        facts.record(Facts.ENVIRONMENT, f);
    }

    /** The 1, 5 and 15 minute load averages, or {@code unknown}. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
