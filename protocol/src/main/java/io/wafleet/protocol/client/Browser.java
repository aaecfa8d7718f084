package io.wafleet.protocol.client;

import io.wafleet.protocol.proto.DeviceProps;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How the companion describes itself to WhatsApp: operating system, browser (or app) name and OS
 * version. The phone shows it in its list of linked devices, and the name decides several protocol
 * values: the platform id in the pairing QR, the DeviceProps platform type, and whether the client
 * presents itself as a web client or as an Android app.
 *
 * <p>The mappings reproduce Baileys 7.0.0-rc14 exactly, including its inconsistencies: the QR
 * mapping matches names case-sensitively while the DeviceProps mapping ignores case.
 */
public record Browser(String os, String name, String osVersion) {

    private static final String DESKTOP = "Desktop";

    /** CompanionWebClientType values carried as the last field of the pairing QR. */
    private static final Map<String, Integer> COMPANION_WEB_CLIENT_TYPES = Map.of(
            "Chrome", 1,
            "Edge", 2,
            "Firefox", 3,
            "IE", 4,
            "Opera", 5,
            "Safari", 6);

    private static final int COMPANION_ELECTRON = 7;
    private static final int COMPANION_UWP = 8;
    private static final int COMPANION_OTHER_WEB_CLIENT = 9;

    public Browser {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(osVersion, "osVersion");
    }

    public static Browser macOS(String name) {
        return new Browser("Mac OS", name, "14.4.1");
    }

    public static Browser ubuntu(String name) {
        return new Browser("Ubuntu", name, "22.04.4");
    }

    public static Browser windows(String name) {
        return new Browser("Windows", name, "10.0.22631");
    }

    public static Browser baileys(String name) {
        return new Browser("Baileys", name, "6.5.0");
    }

    /**
     * Presents the companion as an Android app rather than a web client. Baileys fills the tuple
     * oddly for this case, with the given name in the OS position and an empty OS version; that is
     * kept because the OS position is what the phone displays.
     */
    public static Browser android(String name) {
        return new Browser(name, "Android", "");
    }

    /** The platform id the phone reads from the pairing QR (WhatsApp's CompanionWebClientType). */
    public int companionPlatformId() {
        if (name.equals(DESKTOP)) {
            return os.equals("Windows") ? COMPANION_UWP : COMPANION_ELECTRON;
        }
        return COMPANION_WEB_CLIENT_TYPES.getOrDefault(name, COMPANION_OTHER_WEB_CLIENT);
    }

    /**
     * The platform type announced in DeviceProps at registration: the PlatformType whose name is
     * the upper-cased browser name, "Android" meaning an Android phone, and Chrome for anything
     * unknown (UNKNOWN itself included, since Baileys treats its value 0 as absent).
     */
    public DeviceProps.PlatformType devicePlatformType() {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.equals("ANDROID")) {
            return DeviceProps.PlatformType.ANDROID_PHONE;
        }
        for (DeviceProps.PlatformType type : DeviceProps.PlatformType.values()) {
            if (type != DeviceProps.PlatformType.UNKNOWN && type.name().equals(upper)) {
                return type;
            }
        }
        return DeviceProps.PlatformType.CHROME;
    }

    /** True when the name mentions Android anywhere: the client then logs in as an Android app. */
    public boolean presentsAsAndroid() {
        return name.toLowerCase(Locale.ROOT).contains("android");
    }

    /** True for the desktop app ("Desktop", exact case), which may announce its native OS. */
    public boolean isDesktopApp() {
        return name.equals(DESKTOP);
    }
}
