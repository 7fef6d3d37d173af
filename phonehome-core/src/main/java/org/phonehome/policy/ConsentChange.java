package org.phonehome.policy;

/**
 * A switch flipped at a moment of the capture ({@code changes: [{at: ..., set: {mi_cloud: on}}]}).
 *
 * @param atNanos   when, in nanoseconds since the Unix epoch
 * @param switchName the switch (a service's name)
 * @param on        its value from then on
 * @param order     tie-breaker for changes at the same instant: file order, command line after the file
 */
public record ConsentChange(long atNanos, String switchName, boolean on, int order) {
}
