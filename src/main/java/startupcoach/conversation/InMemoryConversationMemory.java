package startupcoach.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * This process's conversations: the terminal {@code chat}, the evaluation, and {@code serve}
 * without a database. At most {@code maxConversations} are kept (the least recently used goes).
 */
public final class InMemoryConversationMemory implements ConversationMemory {

    private final int maxTurns;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Conversation> conversations;

    private static final class Conversation {
        final Deque<Turn> turns = new ArrayDeque<>();
        Instant touched;
    }

    public InMemoryConversationMemory(int maxTurns, Duration ttl, Clock clock) {
        this(maxTurns, ttl, clock, 10_000);
    }

    public InMemoryConversationMemory(int maxTurns, Duration ttl, Clock clock, int maxConversations) {
        if (maxTurns < 1) {
            throw new IllegalArgumentException("maxTurns must be >= 1 but was " + maxTurns);
        }
        this.maxTurns = maxTurns;
        this.ttl = Objects.requireNonNull(ttl, "ttl == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.conversations = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Conversation> eldest) {
                return size() > maxConversations;
            }
        };
    }

    @Override
    public synchronized List<Turn> recent(String conversation) {
        Conversation c = conversations.get(conversation);
        if (c == null) {
            return List.of();
        }
        Instant oldest = clock.instant().minus(ttl);
        return c.turns.stream().filter(t -> t.at().isAfter(oldest)).toList();
    }

    @Override
    public synchronized void remember(String conversation, Turn turn) {
        Conversation c = conversations.computeIfAbsent(conversation, k -> new Conversation());
        c.turns.addLast(turn);
        while (c.turns.size() > maxTurns) {
            c.turns.removeFirst();
        }
        c.touched = clock.instant();
    }

    @Override
    public synchronized void reset(String conversation) {
        Conversation c = conversations.computeIfAbsent(conversation, k -> new Conversation());
        c.turns.clear();
        c.touched = clock.instant();
    }

    @Override
    public synchronized boolean knows(String conversation) {
        Conversation c = conversations.get(conversation);
        return c != null && c.touched.isAfter(clock.instant().minus(ttl));
    }
}
