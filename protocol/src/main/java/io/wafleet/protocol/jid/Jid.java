package io.wafleet.protocol.jid;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A WhatsApp address, {@code user[_agent][:device]@server}, read and written exactly the way WhatsApp Web
 * (Baileys' {@code jidDecode}/{@code jidEncode}) does, including its leniencies: only the first {@code @},
 * {@code :} and {@code _} split the string, an empty part counts as absent, and a part that is not a number
 * is kept as {@link JidNumber#NOT_A_NUMBER} instead of being rejected.
 *
 * <p>{@link #toString()} is the wire form. It leaves out an agent or device that is absent, not a number or 0,
 * so {@code 123:0@s.whatsapp.net} prints as {@code 123@s.whatsapp.net}.
 */
public record Jid(String user, String server, JidNumber agent, JidNumber device) {
    /** The WhatsApp server itself: stanzas from the server carry {@code from="@s.whatsapp.net"}. */
    public static final Jid SERVER = of("", JidServer.WHATSAPP);
    public static final Jid STATUS_BROADCAST = of("status", JidServer.BROADCAST);

    public Jid {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(device, "device");
    }

    public static Jid of(String user, String server) {
        return new Jid(user, server, JidNumber.ABSENT, JidNumber.ABSENT);
    }

    public static Jid of(String user, String server, int device) {
        return new Jid(user, server, JidNumber.ABSENT, JidNumber.of(device));
    }

    /** Splits at the first {@code @}; empty when there is none (any other string is accepted). */
    public static Optional<Jid> parse(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String server = text.substring(at + 1);
        String userAgent = firstField(text, 0, at, ':');
        String device = secondField(text, 0, at, ':');
        String user = firstField(userAgent, 0, userAgent.length(), '_');
        String agent = secondField(userAgent, 0, userAgent.length(), '_');
        return Optional.of(new Jid(user, server, JidNumber.parseAgent(agent), JidNumber.parseDevice(device)));
    }

    /** True when both strings are JIDs with the same user, or neither is a JID. */
    public static boolean areSameUser(String a, String b) {
        return parse(a).map(Jid::user).equals(parse(b).map(Jid::user));
    }

    public boolean isSameUser(Jid other) {
        return user.equals(other.user);
    }

    /**
     * The AD_JID domain type: fixed by the server for {@code lid}, {@code hosted} and {@code hosted.lid},
     * otherwise the agent number, otherwise 0. Empty when the agent is not a number.
     */
    public OptionalInt domainType() {
        return switch (server) {
            case JidServer.LID -> OptionalInt.of(JidServer.DOMAIN_LID);
            case JidServer.HOSTED -> OptionalInt.of(JidServer.DOMAIN_HOSTED);
            case JidServer.HOSTED_LID -> OptionalInt.of(JidServer.DOMAIN_HOSTED_LID);
            default -> agent.isPresent() ? agent.asInt() : OptionalInt.of(JidServer.DOMAIN_WHATSAPP);
        };
    }

    /** The device number, 0 for the primary device or when absent. */
    public int deviceId() {
        return device.orZero();
    }

    public Jid withDevice(int deviceId) {
        return new Jid(user, server, agent, JidNumber.of(deviceId));
    }

    public Jid withoutAgent() {
        return new Jid(user, server, JidNumber.ABSENT, device);
    }

    /** The account behind this address: no agent, no device, and {@code c.us} spelled {@code s.whatsapp.net}. */
    public Jid toNormalizedUser() {
        return of(user, server.equals(JidServer.C_US) ? JidServer.WHATSAPP : server);
    }

    public boolean isPnUser() {
        return hasServer(JidServer.WHATSAPP);
    }

    public boolean isLidUser() {
        return hasServer(JidServer.LID);
    }

    public boolean isGroup() {
        return hasServer(JidServer.GROUP);
    }

    public boolean isBroadcast() {
        return hasServer(JidServer.BROADCAST);
    }

    public boolean isStatusBroadcast() {
        return equals(STATUS_BROADCAST);
    }

    public boolean isNewsletter() {
        return hasServer(JidServer.NEWSLETTER);
    }

    public boolean isHostedPnUser() {
        return hasServer(JidServer.HOSTED);
    }

    public boolean isHostedLidUser() {
        return hasServer(JidServer.HOSTED_LID);
    }

    /** Meta AI's bot accounts: {@code 1313555xxxx} or {@code 131655500xx} at {@code c.us}, nothing else in the user part. */
    public boolean isBot() {
        boolean botNumber = isDigitsAfter(user, "1313555") || isDigitsAfter(user, "131655500");
        return botNumber && !agent.isPresent() && !device.isPresent() && hasServer(JidServer.C_US);
    }

    public boolean isMetaAi() {
        return hasServer(JidServer.BOT);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(user.length() + server.length() + 12).append(user);
        if (agent.orZero() != 0) {
            text.append('_').append(agent.orZero());
        }
        if (device.orZero() != 0) {
            text.append(':').append(device.orZero());
        }
        return text.append('@').append(server).toString();
    }

    /**
     * WhatsApp Web tests the whole address for an {@code @server} suffix, so a server that itself contains a
     * later {@code @} (as in {@code a@b@lid}) also matches.
     */
    private boolean hasServer(String name) {
        return server.equals(name) || server.endsWith("@" + name);
    }

    /** Eleven characters: the prefix, then only digits. */
    private static boolean isDigitsAfter(String text, String prefix) {
        if (text.length() != 11 || !text.startsWith(prefix)) {
            return false;
        }
        for (int i = prefix.length(); i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String firstField(String text, int from, int to, char separator) {
        int index = text.indexOf(separator, from, to);
        return text.substring(from, index < 0 ? to : index);
    }

    /** The text between the first and second separator (JavaScript {@code split(sep)[1]}), or "" if none. */
    private static String secondField(String text, int from, int to, char separator) {
        int first = text.indexOf(separator, from, to);
        if (first < 0) {
            return "";
        }
        int second = text.indexOf(separator, first + 1, to);
        return text.substring(first + 1, second < 0 ? to : second);
    }
}
