package startupcoach.digest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A {@link DigestSink} that keeps what it was given; thread-safe, shareable by several schedulers. */
final class RecordingSink implements DigestSink {

    /** One delivered digest. */
    record Delivery(DigestTarget target, Digest digest) {
        Slot slot() {
            return new Slot(target.subscriptionId(), digest.slot());
        }
    }

    /** A (subscription, slot) pair, what must be posted exactly once. */
    record Slot(long subscriptionId, Instant at) {
    }

    private final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void deliver(DigestTarget target, Digest digest) {
        deliveries.add(new Delivery(target, digest));
    }

    List<Delivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    List<Slot> slots() {
        return deliveries().stream().map(Delivery::slot).toList();
    }

    List<String> passageIds() {
        return deliveries().stream().flatMap(d -> d.digest().passageIds().stream()).toList();
    }
}
