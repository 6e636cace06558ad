package io.github.otpverification.names;

/**
 * Every message key the Java code uses, in one place, and those of the phone sign-in page;
 * {@code MessageBundlesTest} checks that each one exists in every shipped language. Keys the other
 * templates use alone live only in the bundles.
 */
public final class MessageKeys {

    // the code page
    public static final String CODE_RESENT = "otpCodeResent";
    public static final String RESEND_WAIT = "otpResendWait";
    public static final String SEND_LIMITED = "otpSendLimited";
    public static final String INVALID_CODE = "otpInvalidCode";
    public static final String WRONG_LENGTH = "otpWrongLength";
    public static final String CODE_DEAD = "otpCodeDead";
    public static final String CODE_EXPIRED = "otpCodeExpired";
    public static final String NO_PENDING_CODE = "otpNoPendingCode";
    public static final String MISSING_CODE = "otpMissingCode";
    /** The page title and "we sent a code to ..." line, per channel: {@code otpFormTitle.email}, ... */
    public static final String FORM_TITLE_PREFIX = "otpFormTitle.";
    public static final String FORM_SENT_TO_PREFIX = "otpFormSentTo.";
    /** The "don't ask for a code on this device for {0} days" checkbox (option trustDeviceDays). */
    public static final String TRUST_DEVICE = "otpTrustDevice";

    // delivery and missing destinations
    public static final String EMAIL_SEND_FAILED = "otpEmailSendFailed";
    public static final String SMS_SEND_FAILED = "otpSmsSendFailed";
    public static final String EMAIL_MISSING = "otpEmailMissing";
    public static final String PHONE_MISSING = "otpPhoneMissing";

    // mail subjects, per purpose: otpEmailSubject.login, ...
    public static final String EMAIL_SUBJECT_PREFIX = "otpEmailSubject.";
    public static final String EMAIL_SUBJECT_WITH_CODE_PREFIX = "otpEmailSubjectWithCode.";

    // the notice after a contact change, per channel: otpChangeNoticeSubject.email, ...
    public static final String CHANGE_NOTICE_SUBJECT_PREFIX = "otpChangeNoticeSubject.";

    // the phone number form
    public static final String PHONE_NUMBER_MISSING = "phoneNumberMissing";
    public static final String PHONE_NUMBER_INVALID = "phoneNumberInvalid";
    public static final String PHONE_NUMBER_NOT_MOBILE = "phoneNumberNotMobile";
    public static final String PHONE_NUMBER_PREMIUM_RATE = "phoneNumberPremiumRate";
    public static final String PHONE_NUMBER_COUNTRY_NOT_ALLOWED = "phoneNumberCountryNotAllowed";
    public static final String PHONE_NUMBER_TAKEN = "phoneNumberTaken";
    /** Sign-up by phone where the email is the username: the number or the address was taken while the codes were typed. */
    public static final String SIGN_UP_TAKEN = "signUpTaken";
    public static final String PHONE_EMAIL_FIRST = "phoneEmailFirst";

    // the phone sign-in page (phone-number-form; its template reads them) and its choice in "Try another way"
    public static final String PHONE_SIGN_IN_TITLE = "phoneSignInTitle";
    public static final String PHONE_SIGN_IN_INTRO = "phoneSignInIntro";
    public static final String PHONE_SIGN_IN_SUBMIT = "phoneSignInSubmit";
    public static final String PHONE_SIGN_IN_CHOICE = ProviderIds.PHONE_NUMBER_FORM + "-display-name";
    public static final String PHONE_SIGN_IN_CHOICE_HELP = ProviderIds.PHONE_NUMBER_FORM + "-help-text";

    private MessageKeys() {
    }
}
