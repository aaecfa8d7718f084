package io.wafleet.server.api;

import io.wafleet.server.ops.PhoneMasking;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.registry.Fleet;
import io.wafleet.server.supervisor.AccountSupervisor;
import io.wafleet.server.supervisor.QrOffer;
import io.wafleet.simulator.WaSimulator;
import io.wafleet.simulator.phone.PairingException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Demo mode only: {@code POST /api/demo/accounts/{id}/scan} plays the phone. A simulated phone (one number per
 * slot) scans the QR the slot is offering, so a newcomer can link all thirty slots without a phone.
 */
@RestController
@ConditionalOnBooleanProperty("wafleet.demo")
public class DemoController {

    private final Fleet fleet;
    private final WaSimulator simulator;

    public DemoController(Fleet fleet, WaSimulator simulator) {
        this.fleet = fleet;
        this.simulator = simulator;
    }

    /** What the simulated phone did. */
    public record Scan(String accountId, String phone) {
    }

    @PostMapping("/api/demo/accounts/{id}/scan")
    public Scan scan(@PathVariable String id) {
        AccountId account = AccountId.of(id);
        AccountSupervisor supervisor = fleet.get(account).orElseThrow(() -> new UnknownAccountException(account.value()));
        QrOffer offer = supervisor.snapshot().qr().orElseThrow(() -> new NoQrOfferedException(account.value()));
        String number = phoneFor(account);
        simulator.newPhone(number).scan(offer.code());
        return new Scan(account.value(), PhoneMasking.maskAll(number));
    }

    /** The QR expired or its connection closed between showing it and scanning it. */
    @ExceptionHandler(PairingException.class)
    ProblemDetail pairingFailed(PairingException e) {
        return ApiProblems.problem(HttpStatus.CONFLICT, "scan-failed", "Scan failed", e.getMessage());
    }

    /** A stable fictional number per slot (+1 555 range), so a slot relinks to the same simulated phone. */
    private String phoneFor(AccountId account) {
        List<AccountId> slots = fleet.supervisors().stream().map(AccountSupervisor::id).toList();
        return "+1555%07d".formatted(slots.indexOf(account) + 1);
    }
}
