package org.phonehome.report;

/**
 * The audited device as the report names it.
 *
 * @param name the device profile's name, or null without a profile
 * @param ip   the device address given with {@code --device-ip}, or null
 */
public record DeviceSummary(String name, String ip) {
}
