package org.phonehome.detect.profile;

/**
 * A planted address-book entry.
 *
 * @param name  the contact's name as written, or null
 * @param phone the contact's phone number as written, or null (at least one of the two is present)
 */
public record Contact(String name, String phone) {
}
