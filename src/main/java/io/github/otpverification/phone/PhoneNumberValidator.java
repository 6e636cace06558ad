package io.github.otpverification.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses what a person typed into E.164 and applies the {@link PhoneNumberRules}. */
public final class PhoneNumberValidator {

    /** Longer input is junk, whatever it contains; E.164 has at most 15 digits. */
    public static final int MAX_INPUT_LENGTH = 32;

    private static final Set<PhoneNumberType> MOBILE = Set.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE);
    private static final Set<PhoneNumberType> PREMIUM = Set.of(PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST);
    /** What is stored and sent: E.164 with 7 to 15 digits, the user-profile pattern docs/flows.md asks realms to declare. */
    private static final Pattern STORED = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    public PhoneNumberCheck check(String typed, PhoneNumberRules rules) {
        if (typed == null || typed.isBlank()) {
            return PhoneNumberCheck.refused(PhoneNumberCheck.MISSING);
        }
        String input = typed.trim();
        if (input.length() > MAX_INPUT_LENGTH || !input.matches("[0-9+()./\\-\\s]+")) {
            return PhoneNumberCheck.refused(PhoneNumberCheck.INVALID);
        }
        PhoneNumber number;
        try {
            number = util.parse(input, rules.defaultRegion());
        } catch (NumberParseException e) {
            return PhoneNumberCheck.refused(PhoneNumberCheck.INVALID);
        }
        String e164 = util.format(number, PhoneNumberFormat.E164);
        // libphonenumber takes some short numbers (+98 9601, 6 digits) that the stored pattern, and SMS gateways, refuse
        if (!util.isValidNumber(number) || !STORED.matcher(e164).matches()) {
            return PhoneNumberCheck.refused(PhoneNumberCheck.INVALID);
        }
        PhoneNumberType type = util.getNumberType(number);
        if (PREMIUM.contains(type)) {
            return PhoneNumberCheck.refused(PhoneNumberCheck.PREMIUM_RATE);
        }
        if (!MOBILE.contains(type) && !rules.allowNonMobile()) {
            return PhoneNumberCheck.refused(PhoneNumberCheck.NOT_MOBILE);
        }
        String region = util.getRegionCodeForNumber(number);
        if (!rules.allows(region)) {
            return PhoneNumberCheck.refused(PhoneNumberCheck.COUNTRY_NOT_ALLOWED);
        }
        return PhoneNumberCheck.valid(e164, region);
    }
}
