package startupcoach.digest;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platforms whose digests go out through a webhook each conversation registers first
 * ({@code digest webhook <url> <secret>}), with the platform's own words for how to create one.
 * The {@code digest} command asks here instead of knowing any platform: the capability belongs to
 * the platform's {@link DigestSink} ({@link DigestSink#webhookSetupHint()}), which registers it
 * when {@code serve} wires the sinks. Thread-safe.
 */
public final class WebhookPlatforms {

    private final Map<String, String> setupHints = new ConcurrentHashMap<>();

    /** Registers every sink of {@code sinks} (by platform name) that posts through conversation webhooks. */
    public void registerAll(Map<String, ? extends DigestSink> sinks) {
        sinks.forEach((platform, sink) -> sink.webhookSetupHint().ifPresent(hint -> register(platform, hint)));
    }

    /** @param setupHint how a conversation of {@code platform} gets a webhook, shown when it has none */
    public void register(String platform, String setupHint) {
        setupHints.put(Objects.requireNonNull(platform, "platform == null"), Objects.requireNonNull(setupHint, "setupHint == null"));
    }

    /** How to add a webhook on {@code platform}; empty when that platform posts digests without one. */
    public Optional<String> setupHint(String platform) {
        return Optional.ofNullable(setupHints.get(platform));
    }
}
