package dev.mnemo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Opening and closing a small store thousands of times leaks nothing: no file descriptors
 * (counted in /proc/self/fd, and none left on the data directory), no borrowed pool connections,
 * no native memory (VmRSS of a child JVM with a fixed, pre-touched heap, so that heap growth
 * cannot hide or fake a native leak: FAISS indexes live outside the Java heap).
 */
@Tag("reliability")
class ResourceHygieneTest {
    /**
     * Open/close cycles per backend: 10,000, about 2-7 ms each on the 2-core machine (20-70 s per
     * backend); {@code -Dmnemo.reliability.open-close-cycles=N} sets another count.
     */
    static final int CYCLES = Integer.getInteger("mnemo.reliability.open-close-cycles", 10_000);
    private static final int SAMPLES = 10;
    private static final int WARM_UP = 300;
    private static final long FD_SLACK = 4;
    private static final long RSS_GROWTH_LIMIT_KB = 24 * 1024;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.mnemo.reliability.ReliabilityBackends#available")
    void openAndCloseLeaksNothing(String backend) throws Exception {
        int cycles = CYCLES;
        Path err = tmp.resolve("child.err");
        Process child = ChildJvm.start(OpenCloseChild.class,
                // C1 only: C2's code cache keeps growing for minutes and would read as a native leak
                List.of(ChildJvm.SHORT_LIVED, "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"), Map.of(), err,
                tmp.resolve("data").toString(), backend, Integer.toString(cycles), Integer.toString(cycles / SAMPLES),
                Integer.toString(WARM_UP));
        List<long[]> samples = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean done = false;
        try (ChildOutput out = new ChildOutput(child.getInputStream())) {
            String line;
            while ((line = out.next()) != null) {
                String[] p = line.split(" ");
                switch (p[0]) {
                    case "SAMPLE" -> samples.add(new long[] {Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]),
                            Long.parseLong(p[4])});
                    case "DONE" -> done = true;
                    default -> problems.add(line);
                }
            }
        } finally {
            assertThat(child.waitFor(10, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(done).as("child finished; stderr:%n%s", ChildJvm.tail(err)).isTrue();
        assertThat(problems).as("borrowed connections after a call, wrong results, or descriptors left on the data"
                + " directory after the last close").isEmpty();
        long[] first = samples.get(0);
        long[] last = samples.get(samples.size() - 1);
        assertThat(last[0]).isEqualTo(cycles);
        for (long[] s : samples) {
            assertThat(s[1]).as("open descriptors after %d cycles (baseline %d)", s[0], first[1])
                    .isLessThanOrEqualTo(first[1] + FD_SLACK);
        }
        // the first half settles allocator arenas and JIT; from there on RSS must stay flat
        long[] middle = samples.get(samples.size() / 2);
        assertThat(last[2] - middle[2]).as("VmRSS growth in kB over the second half of the cycles: %s", rssCurve(samples))
                .isLessThanOrEqualTo(RSS_GROWTH_LIMIT_KB);
        System.out.printf("RELIABILITY hygiene backend=%s cycles=%d fds=%d->%d rss-kb=%d->%d->%d ms-per-cycle=%d%n",
                backend, cycles, first[1], last[1], first[2], middle[2], last[2], last[3]);
    }

    private static String rssCurve(List<long[]> samples) {
        StringBuilder b = new StringBuilder();
        samples.forEach(s -> b.append(s[0]).append(':').append(s[2]).append(' '));
        return b.toString().trim();
    }
}
