package org.phonehome.capture;

/**
 * The app that sent or received a packet, as a capture tool such as PCAPdroid recorded it.
 *
 * @param uid         the Android (Linux) user id of the app; -1 when unknown
 * @param packageName the app's package name (e.g. {@code com.miui.cloudservice}), or null when unknown
 * @param appName     the app's display name, or null when unknown
 */
public record AppAttribution(int uid, String packageName, String appName) {

    /** The best single name to show: the package name, else the app name, else {@code uid:N}. */
    public String label() {
        if (packageName != null && !packageName.isEmpty()) {
            return packageName;
        }
        if (appName != null && !appName.isEmpty()) {
            return appName;
        }
        return "uid:" + uid;
    }
}
