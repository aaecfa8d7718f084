package io.wafleet.server.adoption;

import io.wafleet.server.registry.AccountId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code GET /api/adoption}: what the boot-time adoption of the Baileys accounts did, for the dashboard's
 * adoption panel: each adopted account with its slot, and each folder that needs a human with the reason.
 */
@RestController
public class AdoptionController {

    private final Adoptions adoptions;

    public AdoptionController(Adoptions adoptions) {
        this.adoptions = adoptions;
    }

    public record View(String source, String checkedAt, int adoptedCount, int importedNow, List<AdoptedView> adopted,
                       List<ProblemView> problems) {
    }

    public record AdoptedView(String alias, String slot, String outcome, int skippedFiles) {
    }

    /** {@code slot} is null for a folder that was not adopted. */
    public record ProblemView(String alias, String slot, String reason, String meaning, String detail) {
    }

    @GetMapping("/api/adoption")
    public View adoption() {
        AdoptionReport report = adoptions.report();
        return new View(report.baileysRoot(), report.at().toString(), report.adopted().size(), (int) report.importedNow(),
                report.adopted().stream().map(a -> new AdoptedView(a.oldId(), a.slot().value(), a.outcome().name(), a.skippedFiles())).toList(),
                report.problems().stream().map(p -> new ProblemView(p.oldId(), p.slot().map(AccountId::value).orElse(null),
                        p.issue().code(), p.issue().meaning(), p.detail())).toList());
    }
}
