package io.wafleet.protocol.client;

import com.google.protobuf.ByteString;
import io.wafleet.protocol.proto.ClientPayload;
import io.wafleet.protocol.proto.ClientPayload.DevicePairingRegistrationData;
import io.wafleet.protocol.proto.ClientPayload.UserAgent;
import io.wafleet.protocol.proto.ClientPayload.WebInfo;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the ClientPayload a companion sends in the Noise ClientFinish: a registration for a device
 * that is not linked yet, or a login for one that is. The payloads are byte-for-byte those of
 * Baileys 7.0.0-rc14, so the server cannot tell the clients apart by their first message.
 */
public final class ClientPayloads {

    /** Signal's key type byte for Curve25519 (the DJB type). */
    private static final byte KEY_TYPE_DJB = 0x05;

    // A companion's own JID: phone number, optional device, phone-number server. E.164 numbers
    // have at most 15 digits, which also keeps the value well inside uint64.
    private static final Pattern OWN_JID = Pattern.compile("([1-9][0-9]{0,14})(?::([0-9]{1,9}))?@s\\.whatsapp\\.net");

    private ClientPayloads() {}

    /** The payload of a device that is about to be linked by scanning a QR code. */
    public static ClientPayload registration(RegistrationData keys, ClientConfig config) {
        Objects.requireNonNull(keys, "keys");
        DevicePairingRegistrationData pairing = DevicePairingRegistrationData.newBuilder()
                .setERegid(ByteString.copyFrom(bigEndian(keys.registrationId(), 4)))
                .setEKeytype(ByteString.copyFrom(new byte[] {KEY_TYPE_DJB}))
                .setEIdent(ByteString.copyFrom(keys.identityPublicKey()))
                .setESkeyId(ByteString.copyFrom(bigEndian(keys.signedPreKeyId(), 3)))
                .setESkeyVal(ByteString.copyFrom(keys.signedPreKeyPublic()))
                .setESkeySig(ByteString.copyFrom(keys.signedPreKeySignature()))
                .setBuildHash(ByteString.copyFrom(config.version().buildHash()))
                .setDeviceProps(DevicePropsFactory.companion(config).toByteString())
                .build();
        return common(config)
                .setPassive(false)
                .setPull(false)
                .setDevicePairingData(pairing)
                .build();
    }

    /** The payload of a linked device reconnecting as {@code user:device@s.whatsapp.net}. */
    public static ClientPayload login(long user, int device, ClientConfig config) {
        if (device < 0) {
            throw new ClientFormatException("device id must not be negative: " + device);
        }
        return login(user, OptionalInt.of(device), config);
    }

    /**
     * The login payload for the JID stored as the account's own id, {@code user[:device]@s.whatsapp.net}.
     * Without a device part the device field is left out, as Baileys does.
     */
    public static ClientPayload login(String ownJid, ClientConfig config) {
        Matcher jid = OWN_JID.matcher(ownJid);
        if (!jid.matches()) {
            // The JID is not quoted: it holds the account's phone number, which must not reach the logs.
            throw new ClientFormatException("own JID is not of the form user[:device]@s.whatsapp.net");
        }
        long user = Long.parseLong(jid.group(1));
        OptionalInt device = jid.group(2) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(jid.group(2)));
        return login(user, device, config);
    }

    private static ClientPayload login(long user, OptionalInt device, ClientConfig config) {
        if (user <= 0) {
            throw new ClientFormatException("user must be a positive phone number: " + user);
        }
        ClientPayload.Builder payload = common(config)
                .setUsername(user)
                .setPassive(true)
                .setPull(true)
                // Baileys always claims the LID database has not been migrated; so do we.
                .setLidDbMigrated(false);
        device.ifPresent(payload::setDevice);
        return payload.build();
    }

    /** Fields shared by registration and login. */
    private static ClientPayload.Builder common(ClientConfig config) {
        Objects.requireNonNull(config, "config");
        ClientPayload.Builder payload = ClientPayload.newBuilder()
                .setConnectType(ClientPayload.ConnectType.WIFI_UNKNOWN)
                .setConnectReason(ClientPayload.ConnectReason.USER_ACTIVATED)
                .setUserAgent(userAgent(config));
        // An Android app has no web info; everything else is some kind of web client.
        if (!config.browser().presentsAsAndroid()) {
            payload.setWebInfo(WebInfo.newBuilder().setWebSubPlatform(webSubPlatform(config)));
        }
        config.pushName().filter(name -> !name.isEmpty()).ifPresent(payload::setPushName);
        return payload;
    }

    /** A generic desktop user agent: Baileys sends these fixed values, not the real OS or device. */
    private static UserAgent userAgent(ClientConfig config) {
        WebVersion version = config.version();
        UserAgent.Builder agent = UserAgent.newBuilder()
                .setPlatform(config.browser().presentsAsAndroid() ? UserAgent.Platform.ANDROID : UserAgent.Platform.WEB)
                .setAppVersion(UserAgent.AppVersion.newBuilder()
                        .setPrimary(version.primary())
                        .setSecondary(version.secondary())
                        .setTertiary(version.tertiary()))
                .setMcc("000")
                .setMnc("000")
                .setOsVersion("0.1")
                .setDevice("Desktop")
                .setOsBuildNumber("0.1")
                .setReleaseChannel(UserAgent.ReleaseChannel.RELEASE)
                .setLocaleLanguageIso6391("en");
        config.countryCode().ifPresent(agent::setLocaleCountryIso31661Alpha2);
        return agent.build();
    }

    /**
     * The desktop app names its native OS, but only when it also asks for the full history (that is
     * when Baileys does); every other client is a plain web browser.
     */
    private static WebInfo.WebSubPlatform webSubPlatform(ClientConfig config) {
        Browser browser = config.browser();
        if (!config.syncFullHistory() || !browser.isDesktopApp()) {
            return WebInfo.WebSubPlatform.WEB_BROWSER;
        }
        return switch (browser.os()) {
            case "Mac OS" -> WebInfo.WebSubPlatform.DARWIN;
            case "Windows" -> WebInfo.WebSubPlatform.WIN32;
            default -> WebInfo.WebSubPlatform.WEB_BROWSER;
        };
    }

    private static byte[] bigEndian(int value, int length) {
        byte[] bytes = new byte[length];
        for (int i = length - 1, rest = value; i >= 0; i--, rest >>>= 8) {
            bytes[i] = (byte) rest;
        }
        return bytes;
    }
}
