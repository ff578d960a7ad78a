package dev.mnemo.embedding.siliconflow;

import java.time.Duration;

/**
 * Waits between retries and for rate-limit permits. Injected so that tests observe the waits
 * instead of spending them; production code uses {@link #SYSTEM}.
 */
@FunctionalInterface
public interface Sleeper {

    /** Really waits, with {@link Thread#sleep}. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    /** Waits for {@code duration}; returns early only by throwing when interrupted. */
    void sleep(Duration duration) throws InterruptedException;
}
