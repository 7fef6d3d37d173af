/**
 * The consent policy ({@code policy.yaml}, docs/DESIGN.md): which services may send which personal data where, the
 * user's switches and how they changed during the capture, public endpoints and a country rule; and the
 * {@link org.phonehome.policy.PolicyEngine} that gives each finding its verdict and each destination its service and
 * contact after opt-out.
 */
package org.phonehome.policy;
