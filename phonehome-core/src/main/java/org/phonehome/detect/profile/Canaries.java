package org.phonehome.detect.profile;

import java.util.List;

/**
 * Data planted on the device so that its appearance in traffic proves a leak.
 *
 * @param contacts  address-book entries
 * @param messages  SMS texts
 * @param urls      visited URLs
 * @param locations positions the device reported
 * @param strings   any other planted text
 */
public record Canaries(List<Contact> contacts, List<String> messages, List<String> urls, List<Location> locations,
                       List<String> strings) {

    /** No canaries. */
    public static final Canaries NONE = new Canaries(List.of(), List.of(), List.of(), List.of(), List.of());

    public Canaries {
        contacts = List.copyOf(contacts);
        messages = List.copyOf(messages);
        urls = List.copyOf(urls);
        locations = List.copyOf(locations);
        strings = List.copyOf(strings);
    }

    /** Number of planted values (a contact counts once). */
    public int size() {
        return contacts.size() + messages.size() + urls.size() + locations.size() + strings.size();
    }
}
