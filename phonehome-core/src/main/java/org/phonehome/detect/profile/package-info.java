/**
 * The device profile ({@code device.yaml}): loading with line-numbered errors and warnings, validation of its values,
 * and the identifier variants (formats x transforms) that detection looks for.
 */
package org.phonehome.detect.profile;
