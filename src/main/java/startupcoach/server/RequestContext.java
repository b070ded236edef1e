package startupcoach.server;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The request id every log line of one request carries ({@code requestId} in the SLF4J MDC), from
 * the HTTP route or stream listener that received it to the worker thread that answers it. A
 * caller's own {@code X-Request-Id} is kept when it looks like an id; anything else is replaced,
 * so a header cannot inject text into the logs.
 */
public final class RequestContext {

    /** The MDC key. */
    public static final String KEY = "requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestContext() {
    }

    /** A new random id: 16 hex characters. */
    public static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** {@code candidate} when it is a plausible id (letters, digits, {@code ._:-}, ≤ 64), else a new one. */
    public static String idFrom(String candidate) {
        return candidate != null && SAFE.matcher(candidate).matches() ? candidate : newId();
    }

    /** Puts the id into the MDC of this thread; close the result to remove it. */
    public static Scope open(String requestId) {
        String previous = MDC.get(KEY);
        MDC.put(KEY, requestId);
        return () -> {
            if (previous == null) {
                MDC.remove(KEY);
            } else {
                MDC.put(KEY, previous);
            }
        };
    }

    /** The current request id, or null outside a request. */
    public static String current() {
        return MDC.get(KEY);
    }

    /** The task with this thread's MDC (request id included), for handing work to another thread. */
    public static Runnable carry(Runnable task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            set(context);
            try {
                task.run();
            } finally {
                set(before);
            }
        };
    }

    /** Like {@link #carry(Runnable)}, for a task with a result. */
    public static <T> Callable<T> carry(Callable<T> task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            set(context);
            try {
                return task.call();
            } finally {
                set(before);
            }
        };
    }

    private static void set(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }

    /** Restores the MDC when closed; never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
