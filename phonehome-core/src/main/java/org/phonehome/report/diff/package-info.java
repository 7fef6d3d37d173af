/**
 * Comparing two audits ({@code phonehome diff BEFORE.json AFTER.json}): which findings and destinations appeared,
 * disappeared or changed, whether anything got worse, and the text and JSON renderings of the answer.
 */
package org.phonehome.report.diff;
