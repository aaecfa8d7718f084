package io.wafleet.server.api;

import io.wafleet.server.registry.AccountId;
import io.wafleet.server.registry.Fleet;
import io.wafleet.server.storage.DisplayNames;
import io.wafleet.server.supervisor.AccountSupervisor;
import io.wafleet.server.supervisor.QrOffer;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The accounts: list, detail with history, and the operator's actions on one slot. */
@RestController
@RequestMapping("/api/accounts")
public class AccountsController {

    private final Fleet fleet;
    private final DisplayNames names;
    private final QrImages images;

    public AccountsController(Fleet fleet, DisplayNames names, QrImages images) {
        this.fleet = fleet;
        this.names = names;
        this.images = images;
    }

    /** The body of {@code PATCH /api/accounts/{id}}. */
    public record Rename(String name) {
    }

    /** The QR string itself, for a client that renders its own image (or a simulated phone that scans it). */
    public record QrText(String accountId, String qr, String expiresAt) {
    }

    @GetMapping
    public List<AccountView> list() {
        return fleet.snapshots().stream().map(s -> AccountView.of(s, images, false)).toList();
    }

    @GetMapping("/{id}")
    public AccountView get(@PathVariable String id) {
        return AccountView.of(supervisor(id).snapshot(), images, true);
    }

    @PostMapping("/{id}/link")
    public ResponseEntity<AccountView> link(@PathVariable String id) {
        AccountSupervisor supervisor = supervisor(id);
        supervisor.link();
        return ResponseEntity.accepted().body(AccountView.of(supervisor.snapshot(), images, false));
    }

    @PostMapping("/{id}/restart")
    public ResponseEntity<AccountView> restart(@PathVariable String id) {
        AccountSupervisor supervisor = supervisor(id);
        supervisor.restart("operator-restart");
        return ResponseEntity.accepted().body(AccountView.of(supervisor.snapshot(), images, false));
    }

    @PostMapping("/{id}/stop")
    public AccountView stop(@PathVariable String id) {
        AccountSupervisor supervisor = supervisor(id);
        supervisor.stop("operator-stop");
        return AccountView.of(supervisor.snapshot(), images, false);
    }

    @PostMapping("/{id}/logout")
    public AccountView logout(@PathVariable String id) {
        AccountSupervisor supervisor = supervisor(id);
        supervisor.logout();
        return AccountView.of(supervisor.snapshot(), images, false);
    }

    @PatchMapping("/{id}")
    public AccountView rename(@PathVariable String id, @RequestBody Rename body) {
        AccountSupervisor supervisor = supervisor(id);
        String name = DisplayNameRules.validate(body.name());
        names.set(supervisor.id(), name);
        supervisor.rename(name);
        return AccountView.of(supervisor.snapshot(), images, false);
    }

    /** The QR as a PNG image; as JSON with the raw string when the client asks for {@code application/json}. */
    @GetMapping("/{id}/qr")
    public ResponseEntity<?> qr(@PathVariable String id,
                                @RequestHeader(value = HttpHeaders.ACCEPT, defaultValue = MediaType.IMAGE_PNG_VALUE) String accept) {
        QrOffer offer = offer(id);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().cacheControl(CacheControl.noStore());
        if (wantsJson(accept)) {
            return response.contentType(MediaType.APPLICATION_JSON)
                    .body(new QrText(id, offer.code(), offer.expiresAt().toString()));
        }
        return response.contentType(MediaType.IMAGE_PNG).body(images.png(offer.code()));
    }

    private static boolean wantsJson(String accept) {
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(MediaType.APPLICATION_JSON));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private QrOffer offer(String id) {
        return supervisor(id).snapshot().qr().orElseThrow(() -> new NoQrOfferedException(id));
    }

    private AccountSupervisor supervisor(String id) {
        AccountId account = AccountId.of(id); // throws InvalidAccountIdException -> 400, before any lookup
        return fleet.get(account).orElseThrow(() -> new UnknownAccountException(account.value()));
    }
}
