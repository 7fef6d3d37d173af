package org.phonehome.detect;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.phonehome.detect.profile.DeviceProfile;
import org.phonehome.detect.profile.ProfileIdentifier;

/** The region national phone numbers are read in: the profile's region, else its own phone number's country. */
final class PatternRegion {
    private PatternRegion() {
    }

    static String of(DeviceProfile profile) {
        if (profile.region() != null) {
            return profile.region();
        }
        for (String phone : profile.values(ProfileIdentifier.PHONE)) {
            try {
                String region = PhoneNumberUtil.getInstance().getRegionCodeForNumber(
                        PhoneNumberUtil.getInstance().parse(phone, null));
                if (region != null && !region.equals("ZZ")) {
                    return region;
                }
            } catch (NumberParseException e) {
                // a national number without a region says nothing about the region
            }
        }
        return null;
    }
}
