package startupcoach.cli;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import startupcoach.coach.Metrics;
import startupcoach.server.HttpResponse;
import startupcoach.server.HttpRoute;
import startupcoach.server.RequestObserver;

/**
 * The {@link Metrics} of {@code serve} on a Micrometer Prometheus registry, plus the HTTP server's
 * request timings and the JVM's memory, GC, threads and CPU; {@link #route()} serves them at
 * {@code /metrics} in the Prometheus text format. The only class that knows Micrometer.
 *
 * <p>Series ({@code platform} is {@code slack}, {@code dingtalk} …):
 * <ul>
 *   <li>{@code coach_requests_seconds{platform,outcome}}: every message the core handled, by outcome
 *       ({@code answer}, {@code help}, {@code error}, {@code rate_limited} …), as a histogram</li>
 *   <li>{@code coach_dedupe_hits_total{platform,key}}, {@code coach_signature_failures_total{platform}},
 *       {@code coach_digest_posts_total{platform,outcome}}, {@code coach_llm_fallbacks_total{reason}}</li>
 *   <li>{@code http_server_requests_seconds{route,status}}: every HTTP request, acknowledgements included</li>
 * </ul>
 */
final class ServerMetrics implements Metrics, RequestObserver, AutoCloseable {

    /** Histogram buckets: a dozen fixed bounds from an acknowledgement's milliseconds to a slow answer's seconds. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private volatile Set<String> platforms = Set.of();

    ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /**
     * The enabled platforms: a 401 on {@code /<platform>/…} counts as that platform's signature
     * failure, and their counters are shown from 0.
     */
    void platforms(Collection<String> names) {
        platforms = Set.copyOf(names);
        names.forEach(this::signatureFailures);
    }

    /** {@code GET /metrics}. */
    HttpRoute route() {
        return request -> new HttpResponse(200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Map.of());
    }

    /** The Prometheus text, as {@code /metrics} serves it. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void request(String platform, String outcome, Duration latency) {
        Timer.builder("coach.requests").description("Messages handled by the core, by outcome, with their latency")
                .tags("platform", platform, "outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry).record(latency);
    }

    @Override
    public void dedupeHit(String platform, String key) {
        Counter.builder("coach.dedupe.hits").description("Deliveries recognised as already handled, per key kind")
                .tags("platform", platform, "key", key).register(registry).increment();
    }

    @Override
    public void signatureFailure(String platform) {
        signatureFailures(platform).increment();
    }

    private Counter signatureFailures(String platform) {
        return Counter.builder("coach.signature.failures").description("Requests refused for a missing, wrong or stale signature")
                .tag("platform", platform).register(registry);
    }

    @Override
    public void digestPost(String platform, String outcome) {
        Counter.builder("coach.digest.posts").description("Scheduled digest posts").tags("platform", platform, "outcome", outcome)
                .register(registry).increment();
    }

    @Override
    public void llmFallback(String reason) {
        Counter.builder("coach.llm.fallbacks").description("Answers the extractive composer gave because the model could not")
                .tag("reason", reason).register(registry).increment();
    }

    /** Times every HTTP request; a 401 on a platform's route is that platform's signature failure. */
    @Override
    public void completed(String route, int status, long nanos) {
        Timer.builder("http.server.requests").description("HTTP requests by route and status")
                .tags("route", route, "status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry).record(Duration.ofNanos(nanos));
        if (status == 401) {
            String platform = platformOf(route);
            if (platform != null) {
                signatureFailure(platform);
            }
        }
    }

    private String platformOf(String route) {
        int end = route.indexOf('/', 1);
        String first = end < 0 ? route.substring(1) : route.substring(1, end);
        return platforms.contains(first) ? first : null;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
