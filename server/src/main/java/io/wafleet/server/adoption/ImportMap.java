package io.wafleet.server.adoption;

import io.wafleet.server.config.SettingsException;
import io.wafleet.server.registry.AccountId;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code WA_IMPORT_MAP}: which slot each old Baileys account id goes to, as the operator wrote it
 * ({@code account_prod_ab12=WA-07,account_prod_cd34=WA-08}). Validated at start: an old id must be a plain
 * directory name, a slot must be configured, and neither side may repeat.
 */
public record ImportMap(Map<String, AccountId> slotsByOldId) {

    static final String VARIABLE = "WA_IMPORT_MAP";

    public ImportMap {
        slotsByOldId = Map.copyOf(slotsByOldId);
    }

    public static ImportMap empty() {
        return new ImportMap(Map.of());
    }

    public Optional<AccountId> slotOf(String oldId) {
        return Optional.ofNullable(slotsByOldId.get(oldId));
    }

    public static ImportMap parse(String raw, Collection<AccountId> configuredSlots) {
        Map<String, AccountId> slots = new LinkedHashMap<>();
        for (String entry : raw.split(",", -1)) {
            String trimmed = entry.strip();
            int equals = trimmed.indexOf('=');
            if (equals <= 0 || equals == trimmed.length() - 1) {
                throw new SettingsException(VARIABLE, "expected comma-separated oldId=slot pairs "
                        + "(account_prod_ab12=WA-07,account_prod_cd34=WA-08), got an entry " + quote(trimmed) + ".");
            }
            String oldId = trimmed.substring(0, equals).strip();
            String slotName = trimmed.substring(equals + 1).strip();
            if (!AccountId.isValid(oldId)) {
                throw new SettingsException(VARIABLE, "the old account id " + quote(oldId)
                        + " is not a directory name of 1-64 characters of A-Z a-z 0-9 _ -.");
            }
            if (!AccountId.isValid(slotName) || !configuredSlots.contains(AccountId.of(slotName))) {
                throw new SettingsException(VARIABLE, "maps " + oldId + " to " + quote(slotName)
                        + ", which is not one of the configured slots (WA_ACCOUNTS).");
            }
            AccountId slot = AccountId.of(slotName);
            if (slots.containsKey(oldId)) {
                throw new SettingsException(VARIABLE, "maps " + oldId + " twice.");
            }
            if (slots.containsValue(slot)) {
                throw new SettingsException(VARIABLE, "maps two old accounts to " + slot + ".");
            }
            slots.put(oldId, slot);
        }
        return new ImportMap(slots);
    }

    /** Quotes a short printable value; anything else is summarised, so the message stays harmless. */
    private static String quote(String value) {
        boolean printable = value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return printable && value.length() <= 80 ? "'" + value + "'" : "(" + value.length() + " characters, not shown)";
    }
}
