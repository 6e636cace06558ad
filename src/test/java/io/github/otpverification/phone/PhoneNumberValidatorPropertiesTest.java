package io.github.otpverification.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.github.otpverification.privacy.DestinationMask;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever a person types, the validator answers with a verdict, never an exception; what it
 * accepts is E.164 (the user-profile pattern of the README), judges the same when typed again,
 * and is only ever shown masked to country code and last two digits.
 */
class PhoneNumberValidatorPropertiesTest {

    /** The {@code phoneNumber} user-profile validation the README asks realms to declare. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Set<String> REFUSALS = Set.of(PhoneNumberCheck.MISSING, PhoneNumberCheck.INVALID,
            PhoneNumberCheck.NOT_MOBILE, PhoneNumberCheck.PREMIUM_RATE, PhoneNumberCheck.COUNTRY_NOT_ALLOWED);
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final List<String> REGIONS = UTIL.getSupportedRegions().stream().sorted().toList();
    private static final Pattern PHONE_MASK = Pattern.compile("(\\+[0-9]{1,3} )?\\*\\*\\* \\*\\*\\* [0-9]{2}");

    private final PhoneNumberValidator validator = new PhoneNumberValidator();

    @Property(tries = 2000)
    void anyTextGetsAVerdictNeverAnException(@ForAll("typed") String typed, @ForAll("rules") PhoneNumberRules rules) {
        PhoneNumberCheck check = validator.check(typed, rules);

        if (check.isValid()) {
            assertTrue(E164.matcher(check.e164()).matches(), check.e164());
            assertNotNull(check.regionCode());
            assertTrue(rules.allows(check.regionCode()), check.regionCode());
        } else {
            assertTrue(REFUSALS.contains(check.errorKey()), check.errorKey());
            assertNull(check.e164());
        }
    }

    @Property(tries = 1000)
    void acceptedNumbersAreJudgedTheSameWhenTypedAgain(@ForAll("validNumbers") String typed, @ForAll("rules") PhoneNumberRules rules) {
        PhoneNumberCheck check = validator.check(typed, rules);
        Assume.that(check.isValid());

        assertEquals(check, validator.check(check.e164(), rules));
        assertEquals(check, validator.check(check.e164(), new PhoneNumberRules("US", rules.allowedCountries(), rules.allowNonMobile())),
                "E.164 carries its country: the default region does not matter");
    }

    @Property(tries = 1000)
    void exampleMobileNumbersOfEveryRegionAreAcceptedAsTyped(@ForAll("regionsWithMobileNumbers") String region,
                                                             @ForAll("typedFormats") PhoneNumberFormat format) {
        PhoneNumber example = UTIL.getExampleNumberForType(region, PhoneNumberType.MOBILE);
        String typed = UTIL.format(example, format);
        // regions sharing a country code (AX and FI, GG and GB, ...): the number tells only the main one
        String numberRegion = UTIL.getRegionCodeForNumber(example);

        PhoneNumberCheck check = validator.check(typed, new PhoneNumberRules(region, Set.of(numberRegion), false));

        assertEquals(PhoneNumberCheck.valid(UTIL.format(example, PhoneNumberFormat.E164), numberRegion), check, typed);
    }

    @Property(tries = 1000)
    void separatorsPeopleTypeDoNotChangeTheNumber(@ForAll("regionsWithMobileNumbers") String region,
                                                  @ForAll("separators") List<String> separators) {
        String e164 = UTIL.format(UTIL.getExampleNumberForType(region, PhoneNumberType.MOBILE), PhoneNumberFormat.E164);
        StringBuilder typed = new StringBuilder("+");
        for (int i = 1; i < e164.length(); i++) {
            typed.append(e164.charAt(i)).append(separators.get(i % separators.size()));
        }

        PhoneNumberCheck check = validator.check(typed.toString(), PhoneNumberRules.DEFAULTS);

        if (typed.toString().trim().length() > PhoneNumberValidator.MAX_INPUT_LENGTH) {
            assertEquals(PhoneNumberCheck.INVALID, check.errorKey(), "over-long input is refused unparsed");
        } else {
            assertEquals(e164, check.e164(), typed.toString());
        }
    }

    @Property(tries = 1000)
    void maskShowsOnlyCountryCodeAndLastTwoDigits(@ForAll("validNumbers") String typed) throws Exception {
        PhoneNumberCheck check = validator.check(typed, new PhoneNumberRules(null, Set.of(), true));
        Assume.that(check.isValid());
        String e164 = check.e164();
        // from the number itself: non-geographic numbers (+881 ...) have the region "001", whose code is 0
        String countryCode = Integer.toString(UTIL.parse(e164, null).getCountryCode());

        String mask = DestinationMask.phone(e164);

        assertEquals("+" + countryCode + " *** *** " + e164.substring(e164.length() - 2), mask);
        assertTrue(digits(mask) < e164.length() - 1, "fewer digits than the number has");
    }

    @Property(tries = 2000)
    void maskOfAnyTextRevealsAtMostFiveDigits(@ForAll("typed") String stored) {
        String mask = DestinationMask.phone(stored);

        assertTrue(mask.isEmpty() || mask.equals("***") || PHONE_MASK.matcher(mask).matches(), mask);
        assertTrue(digits(mask) <= 5, mask);
    }

    @Property(tries = 1000)
    void emailMaskRevealsFirstLettersAndTopLevelDomainOnly(@ForAll("addresses") String address) {
        String mask = DestinationMask.email(address);

        String shown = mask.replace("***", "").replace("@", "");
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "" : address.substring(at + 1);
        int topLevel = domain.lastIndexOf('.') < 0 ? 0 : domain.length() - domain.lastIndexOf('.');
        assertTrue(shown.codePointCount(0, shown.length()) <= 2 + topLevel, mask);
        assertTrue(address.isBlank() || mask.startsWith(address.substring(0, address.offsetByCodePoints(0, 1)) + "***"), mask);
    }

    @Provide
    Arbitrary<String> typed() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().withChars("0123456789+()-./ \t\u00a0\u2007\u0660\u0661\uFF11x#*").ofMaxLength(40)),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(10)),
                Tuple.of(1, Arbitraries.strings().withChars("0123456789 +").ofMinLength(30).ofMaxLength(5000)),
                Tuple.of(3, validNumbers()));
    }

    /** Real numbers of every region and type in every format, sometimes mangled a little. */
    @Provide
    Arbitrary<String> validNumbers() {
        Arbitrary<String> formatted = Combinators.combine(Arbitraries.of(REGIONS), Arbitraries.of(PhoneNumberType.values()),
                        Arbitraries.of(PhoneNumberFormat.E164, PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.NATIONAL))
                .as((region, type, format) -> {
                    PhoneNumber example = UTIL.getExampleNumberForType(region, type);
                    return example == null ? "" : UTIL.format(example, format);
                })
                .filter(number -> !number.isEmpty());
        return Arbitraries.oneOf(formatted, formatted.flatMap(number -> Arbitraries.integers().between(0, number.length() - 1)
                .flatMap(at -> Arbitraries.of('0', '1', '9', ' ', '+', '-')
                        .map(c -> number.substring(0, at) + c + number.substring(at + 1)))));
    }

    /** The forms people type: +49 151 23456789, 0151 23456789, +4915123456789. */
    @Provide
    Arbitrary<PhoneNumberFormat> typedFormats() {
        return Arbitraries.of(PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.NATIONAL, PhoneNumberFormat.E164);
    }

    @Provide
    Arbitrary<String> regionsWithMobileNumbers() {
        return Arbitraries.of(REGIONS.stream().filter(region -> UTIL.getExampleNumberForType(region, PhoneNumberType.MOBILE) != null)
                .toList());
    }

    @Provide
    Arbitrary<List<String>> separators() {
        return Arbitraries.of("", "", "", " ", "-", ".", "/", "(", ")", "  ").list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<PhoneNumberRules> rules() {
        Arbitrary<String> region = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(REGIONS)),
                Tuple.of(1, Arbitraries.of(" de ", "de", "ZZ", "001", "", "  ", "ß", "UK", "EU")),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(5)));
        Arbitrary<Set<String>> countries = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Set.of())),
                Tuple.of(2, Arbitraries.of(REGIONS).set().ofMaxSize(5)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(4).set().ofMaxSize(3)));
        return Combinators.combine(region.injectNull(0.3), countries, Arbitraries.of(true, false)).as(PhoneNumberRules::new);
    }

    @Provide
    Arbitrary<String> addresses() {
        Arbitrary<String> part = Arbitraries.strings().all().ofMaxLength(15);
        return Arbitraries.oneOf(part, Combinators.combine(part, part).as((local, domain) -> local + "@" + domain),
                Combinators.combine(part, part, Arbitraries.strings().alpha().ofMaxLength(4))
                        .as((local, domain, tld) -> local + "@" + domain + "." + tld));
    }

    private static int digits(String text) {
        return (int) text.chars().filter(c -> c >= '0' && c <= '9').count();
    }
}
