package io.github.otpverification.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Counters and the delivery timer of one code conversation (realm, channel, purpose), in
 * Micrometer's global registry: Keycloak publishes them on {@code /metrics} of the management
 * port when started with {@code --metrics-enabled=true}; otherwise the registry has no backend
 * and every call is a no-op.
 */
public final class CodeMetrics {

    static final String PREFIX = "otp.verification.";

    private final MeterRegistry registry;
    private final Tags tags;

    public CodeMetrics(String realm, String channel, String purpose) {
        this(Metrics.globalRegistry, realm, channel, purpose);
    }

    CodeMetrics(MeterRegistry registry, String realm, String channel, String purpose) {
        this.registry = registry;
        this.tags = Tags.of("realm", realm, "channel", channel, "purpose", purpose);
    }

    public void sent() {
        count("codes.sent", "Codes delivered (or returned to the caller)");
    }

    public void verified() {
        count("codes.verified", "Codes confirmed");
    }

    public void failed() {
        count("codes.failed", "Wrong codes entered");
    }

    public void expired() {
        count("codes.expired", "Codes entered after their lifetime");
    }

    public void rateLimited() {
        count("codes.rate.limited", "Sends refused by a cooldown or an hourly send cap");
    }

    public void deliveryFailed() {
        count("delivery.failures", "Sends the mail server or SMS gateway refused");
    }

    public void delivery(Duration took, boolean delivered) {
        Timer.builder(PREFIX + "delivery")
                .description("Time to hand a code to the mail server or SMS gateway")
                .tags(tags).tag("outcome", delivered ? "delivered" : "failed")
                .register(registry).record(took);
    }

    private void count(String name, String description) {
        Counter.builder(PREFIX + name).description(description).tags(tags).register(registry).increment();
    }
}
