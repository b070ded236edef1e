package startupcoach.dingtalk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each custom robot within DingTalk's limit of {@value #MAX_PER_WINDOW} messages a minute.
 * DingTalk refuses the 21st (errcode 130101) and then throttles the robot for ten minutes, so a
 * sender that would exceed the limit waits instead: {@link #acquire} blocks until the robot's
 * 20th-latest send is a minute (plus a second of margin) old. Reservations are made under a lock
 * and slept outside it, so senders keep their order. Robots idle for 15 minutes are forgotten.
 * Thread-safe.
 */
final class RobotRateLimiter {

    static final int MAX_PER_WINDOW = 20;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /**
     * DingTalk counts when a message arrives, this class when it is sent: a second of margin keeps
     * the 21st message outside DingTalk's minute even if the first one took longer to get there.
     */
    static final Duration MARGIN = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(RobotRateLimiter.class);

    /** Waits; tests pass one that moves a fake clock instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The send times of a robot's latest messages, oldest first (at most {@value #MAX_PER_WINDOW}). */
    private static final class Robot {
        final ArrayDeque<Long> sends = new ArrayDeque<>();
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final Cache<String, Robot> robots = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(15)).maximumSize(10_000).build();

    RobotRateLimiter(Clock clock, Sleeper sleeper) {
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
    }

    /**
     * Blocks until the robot may send one more message, and counts that message.
     *
     * @param robot identifies the robot (its webhook URL); kept in memory only, never logged
     * @return how long it waited
     */
    Duration acquire(String robot) throws InterruptedException {
        Robot r = robots.get(robot, k -> new Robot());
        long now;
        long at;
        synchronized (r) {
            now = clock.millis();
            at = now;
            if (r.sends.size() >= MAX_PER_WINDOW) {
                at = Math.max(now, r.sends.peekFirst() + WINDOW.toMillis() + MARGIN.toMillis());
                r.sends.removeFirst();
            }
            r.sends.addLast(at);
        }
        Duration wait = Duration.ofMillis(at - now);
        if (!wait.isZero()) {
            log.info("dingtalk.robot.rate_limited waitMs={} limit={}/min", wait.toMillis(), MAX_PER_WINDOW);
            sleeper.sleep(wait);
        }
        return wait;
    }
}
