package dev.mnemo.embedding.siliconflow;

import java.time.Duration;
import java.util.Optional;

/**
 * One request failed in a way worth retrying: HTTP 429, a 5xx status, a timeout or another I/O
 * error. Internal: after the last attempt it becomes an
 * {@link dev.mnemo.api.embedding.EmbeddingUnavailableException}.
 */
final class RetryableFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** HTTP status, or 0 for an I/O error or timeout. */
    private final int status;
    private final transient Duration retryAfter;

    private RetryableFailure(String message, int status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    static RetryableFailure http(int status, Duration retryAfter, String message) {
        return new RetryableFailure(message, status, retryAfter, null);
    }

    static RetryableFailure io(String message, Throwable cause) {
        return new RetryableFailure(message, 0, null, cause);
    }

    int status() {
        return status;
    }

    /** True for 429: the service is healthy but asks us to slow down, so the circuit breaker ignores it. */
    boolean isThrottled() {
        return status == 429;
    }

    /** The wait the server asked for in {@code Retry-After}, if any. */
    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
