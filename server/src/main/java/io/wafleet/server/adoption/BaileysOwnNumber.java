package io.wafleet.server.adoption;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phone number an adoptable Baileys account is linked to ({@code creds.json → me.id}), used only to hand out
 * free slots in order of phone number. Read after the importer accepted the folder; never logged.
 */
final class BaileysOwnNumber {

    /** creds.json of a linked account is a few KiB; anything past this is not read for a sort key. */
    private static final long MAX_CREDS_BYTES = 1 << 20;
    private static final Pattern USER = Pattern.compile("(\\d{5,20})(?::\\d{1,3})?@s\\.whatsapp\\.net");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BaileysOwnNumber() {
    }

    static Optional<String> of(Path baileysFolder) {
        Path creds = baileysFolder.resolve("creds.json");
        try {
            if (!Files.isRegularFile(creds, LinkOption.NOFOLLOW_LINKS) || Files.size(creds) > MAX_CREDS_BYTES) {
                return Optional.empty();
            }
            JsonNode id = JSON.readTree(Files.readAllBytes(creds)).path("me").path("id");
            Matcher user = USER.matcher(id.isString() ? id.asString() : "");
            return user.matches() ? Optional.of(user.group(1)) : Optional.empty();
        } catch (IOException | JacksonException e) {
            return Optional.empty();
        }
    }
}
