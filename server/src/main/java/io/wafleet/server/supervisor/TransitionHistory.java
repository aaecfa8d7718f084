package io.wafleet.server.supervisor;

import java.util.ArrayDeque;
import java.util.List;

/** The last few transitions of one account, oldest first. Bounded: an account that flaps for months keeps a page. */
final class TransitionHistory {

    static final int CAPACITY = 50;

    private final ArrayDeque<Transition> entries = new ArrayDeque<>(CAPACITY);

    void add(Transition transition) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(transition);
    }

    List<Transition> snapshot() {
        return List.copyOf(entries);
    }
}
