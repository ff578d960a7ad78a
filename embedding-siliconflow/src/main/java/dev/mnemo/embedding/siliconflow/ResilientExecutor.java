package dev.mnemo.embedding.siliconflow;

import dev.mnemo.api.embedding.EmbeddingResponseException;
import dev.mnemo.api.embedding.EmbeddingUnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one HTTP exchange under a rate limiter, a circuit breaker and a retry policy, in that order
 * for every attempt. Resilience4j decides (attempt counting, backoff with jitter, breaker state);
 * the waiting itself goes through the injected {@link Sleeper} and time through the injected
 * {@link Clock}, so nothing here sleeps on its own and tests run at full speed.
 *
 * <p>Thread-safe; one instance per model, so its rate limiter and breaker are shared by every
 * thread using that model.
 */
final class ResilientExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(ResilientExecutor.class);

    /** One attempt: returns a result, throws {@link RetryableFailure} to be retried, or any runtime exception to stop. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws RetryableFailure;
    }

    private final String service;
    private final SiliconFlowSettings settings;
    private final Sleeper sleeper;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final RateLimiter rateLimiter;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    ResilientExecutor(String service, SiliconFlowSettings settings, Clock clock, Sleeper sleeper) {
        this.service = service;
        this.settings = settings;
        this.sleeper = sleeper;
        SiliconFlowSettings.RetrySettings r = settings.retry();
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(r.initialBackoff(), r.multiplier(),
                r.jitter(), r.maxBackoff());
        this.retry = Retry.of(service, RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .retryOnException(e -> e instanceof RetryableFailure)
                .intervalBiFunction(honouringRetryAfter(backoff, r.maxRetryAfter()))
                .failAfterMaxAttempts(false)
                .build());
        SiliconFlowSettings.BreakerSettings b = settings.breaker();
        this.breaker = CircuitBreaker.of(service, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(b.window())
                .minimumNumberOfCalls(Math.min(b.minimumCalls(), b.window()))
                .failureRateThreshold(b.failureRatePercent())
                .waitDurationInOpenState(b.openDuration())
                .permittedNumberOfCallsInHalfOpenState(b.halfOpenCalls())
                // Server and network trouble counts against the service; a 429 is the service pacing us,
                // and 4xx answers are our fault, so neither should open the breaker.
                .recordException(e -> (e instanceof RetryableFailure f && !f.isThrottled())
                        || e instanceof EmbeddingResponseException)
                .ignoreException(e -> e instanceof RetryableFailure f && f.isThrottled())
                .clock(clock)
                .build());
        SiliconFlowSettings.RateLimitSettings l = settings.rateLimit();
        this.rateLimiter = RateLimiter.of(service, RateLimiterConfig.custom()
                .limitForPeriod(l.requests())
                .limitRefreshPeriod(l.period())
                .timeoutDuration(l.maxWait())
                .build());
    }

    /**
     * Waits at least the server's {@code Retry-After} (and at least the backoff); a negative result
     * tells Resilience4j to stop, which we do when the server asks for more than we may wait.
     */
    private static IntervalBiFunction<Object> honouringRetryAfter(IntervalFunction backoff, Duration maxRetryAfter) {
        return (attempt, outcome) -> {
            long millis = backoff.apply(attempt);
            Throwable error = outcome.isLeft() ? outcome.getLeft() : null;
            if (error instanceof RetryableFailure f && f.retryAfter().isPresent()) {
                Duration asked = f.retryAfter().get();
                if (asked.compareTo(maxRetryAfter) > 0) {
                    return -1L;
                }
                millis = Math.max(millis, asked.toMillis());
            }
            return millis;
        };
    }

    <T> T call(Attempt<T> attempt) {
        @SuppressWarnings("unchecked")
        Retry.AsyncContext<T> context = (Retry.AsyncContext<T>) retry.asyncContext();
        int attempts = 0;
        while (true) {
            awaitRatePermit();
            if (!breaker.tryAcquirePermission()) {
                throw new EmbeddingUnavailableException(service + ": circuit breaker is open after repeated failures ("
                        + String.format("%.0f", breaker.getMetrics().getFailureRate()) + "% of the last "
                        + breaker.getMetrics().getNumberOfBufferedCalls() + " requests failed); calls fail fast for "
                        + Durations.format(settings.breaker().openDuration()) + " before a trial request",
                        CallNotPermittedException.createCallNotPermittedException(breaker));
            }
            attempts++;
            requests.incrementAndGet();
            long start = breaker.getCurrentTimestamp();
            try {
                T result = attempt.run();
                breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
                context.onComplete();
                return result;
            } catch (RetryableFailure failure) {
                breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), failure);
                long delay = context.onError(failure);
                if (delay < 0) {
                    failures.incrementAndGet();
                    throw giveUp(failure, attempts);
                }
                retries.incrementAndGet();
                LOG.warn("{}: {}; attempt {} of {}, retrying in {} ms", service, failure.getMessage(), attempts,
                        settings.retry().maxAttempts(), delay);
                pause(Duration.ofMillis(delay), "before retrying");
            } catch (RuntimeException e) {
                breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
                context.onError(e);
                failures.incrementAndGet();
                throw e;
            }
        }
    }

    private EmbeddingUnavailableException giveUp(RetryableFailure failure, int attempts) {
        Duration asked = failure.retryAfter().orElse(Duration.ZERO);
        if (asked.compareTo(settings.retry().maxRetryAfter()) > 0) {
            return new EmbeddingUnavailableException(service + ": " + failure.getMessage() + "; the service asked to"
                    + " retry after " + Durations.format(asked) + ", longer than retry.max-retry-after ("
                    + Durations.format(settings.retry().maxRetryAfter()) + ")", failure);
        }
        return new EmbeddingUnavailableException(service + ": " + failure.getMessage() + " (gave up after "
                + attempts + (attempts == 1 ? " attempt" : " attempts") + ")", failure);
    }

    private void awaitRatePermit() {
        long nanos = rateLimiter.reservePermission();
        if (nanos < 0) {
            throw new EmbeddingUnavailableException(service + ": client-side rate limit of "
                    + settings.rateLimit().requests() + " requests per " + Durations.format(settings.rateLimit().period())
                    + " reached and no permit within rate-limit.max-wait ("
                    + Durations.format(settings.rateLimit().maxWait()) + ")", null);
        }
        if (nanos > 0) {
            pause(Duration.ofNanos(nanos), "for a rate-limit permit");
        }
    }

    private void pause(Duration duration, String why) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingUnavailableException(service + ": interrupted while waiting " + why, e);
        }
    }

    /** The breaker, for metrics and tests. */
    /** Requests sent (each attempt counts), retries scheduled, calls that failed for good, breaker state. */
    Map<String, Number> telemetry() {
        int state = switch (breaker.getState()) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
        return Map.of("requests", requests.get(), "retries", retries.get(), "failures", failures.get(),
                "breaker_state", state);
    }

    CircuitBreaker breaker() {
        return breaker;
    }
}
