package io.wafleet.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.wafleet.protocol.proto.DeviceProps.PlatformType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrowserTest {

    @ParameterizedTest
    @CsvSource({
        "Mac OS,  Chrome,  1",
        "Windows, Edge,    2",
        "Ubuntu,  Firefox, 3",
        "Windows, IE,      4",
        "Windows, Opera,   5",
        "Mac OS,  Safari,  6",
        "Mac OS,  Desktop, 7",
        "Ubuntu,  Desktop, 7",
        "Windows, Desktop, 8",
        "Ubuntu,  Brave,   9",
        // Matched case-sensitively, as Baileys does.
        "Mac OS,  chrome,  9",
        "Windows, desktop, 9",
    })
    void companionPlatformIdFollowsTheBrowserName(String os, String name, int expected) {
        assertThat(new Browser(os, name, "1.0").companionPlatformId()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "Chrome,  CHROME",
        "firefox, FIREFOX",
        "Safari,  SAFARI",
        "Desktop, DESKTOP",
        "Edge,    EDGE",
        "Android, ANDROID_PHONE",
        "Brave,   CHROME",
        "Unknown, CHROME",
    })
    void devicePlatformTypeIsTheUpperCasedNameOrChrome(String name, PlatformType expected) {
        assertThat(Browser.ubuntu(name).devicePlatformType()).isEqualTo(expected);
    }

    @Test
    void androidTupleCarriesTheNameInTheOsPosition() {
        Browser android = Browser.android("Chrome");

        assertThat(android).isEqualTo(new Browser("Chrome", "Android", ""));
        assertThat(android.presentsAsAndroid()).isTrue();
        assertThat(android.companionPlatformId()).isEqualTo(9);
    }

    @Test
    void anyNameMentioningAndroidPresentsAsTheAndroidApp() {
        assertThat(Browser.ubuntu("MyANDROIDApp").presentsAsAndroid()).isTrue();
        assertThat(Browser.macOS("Chrome").presentsAsAndroid()).isFalse();
    }
}
