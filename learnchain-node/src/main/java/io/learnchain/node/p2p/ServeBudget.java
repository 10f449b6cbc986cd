package io.learnchain.node.p2p;

/**
 * How many blob bytes this node may still send one peer now: a token bucket that refills at
 * {@code bytesPerSecond} up to {@code burstBytes}. A request arriving while the bucket is in debt
 * waits until it is not (issue 18, item 6: one peer was served 278 MB/s, 11,533 bytes for each byte
 * it asked with). Touched only on the scheduler thread.
 */
final class ServeBudget {
    private final double bytesPerMilli;
    private final double burstBytes;
    private double tokens;
    private long lastMillis;

    ServeBudget(long bytesPerSecond, long burstBytes, long nowMillis) {
        this.bytesPerMilli = bytesPerSecond / 1000.0;
        this.burstBytes = burstBytes;
        this.tokens = burstBytes;
        this.lastMillis = nowMillis;
    }

    /** Milliseconds until the budget is out of debt; 0 when a request may be served now. */
    long waitMillis(long nowMillis) {
        refill(nowMillis);
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / bytesPerMilli);
    }

    void spend(long bytes, long nowMillis) {
        refill(nowMillis);
        tokens -= bytes;
    }

    private void refill(long nowMillis) {
        if (nowMillis > lastMillis) {
            tokens = Math.min(burstBytes, tokens + (nowMillis - lastMillis) * bytesPerMilli);
            lastMillis = nowMillis;
        }
    }
}
