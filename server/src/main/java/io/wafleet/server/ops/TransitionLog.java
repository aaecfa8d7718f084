package io.wafleet.server.ops;

import io.wafleet.server.supervisor.AccountSnapshot;
import io.wafleet.server.supervisor.FleetListener;
import io.wafleet.server.supervisor.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per state change; states that need a human are logged as warnings. */
public final class TransitionLog implements FleetListener {

    private static final Logger log = LoggerFactory.getLogger("io.wafleet.server.accounts");

    @Override
    public void onTransition(AccountSnapshot account, Transition t) {
        String retry = account.nextRetryAt().map(at -> " next retry " + at).orElse("");
        if (t.to().needsHuman()) {
            log.warn("{} {} -> {} ({}){}", t.account(), t.from(), t.to(), t.reason(), retry);
        } else {
            log.info("{} {} -> {} ({}){}", t.account(), t.from(), t.to(), t.reason(), retry);
        }
    }
}
