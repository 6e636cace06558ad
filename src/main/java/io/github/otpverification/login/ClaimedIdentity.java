package io.github.otpverification.login;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What a person typed on a first step ({@code phone-number-form}) when it names no account the
 * code step may send to: an unknown, unverified or disabled number. The code step after it then
 * shows the same pages as for a known number and sends nothing (or, with
 * {@code createUnknownUsers}, a real code that signs a new user up). Kept as notes of the login's
 * authentication session; see {@code docs/phone-sign-in.md}.
 */
public final class ClaimedIdentity {

    /**
     * The E.164 number typed on the phone form, whether or not it identified a user: the code step
     * after it must then answer alike for both (no account enumeration).
     */
    public static final String PHONE_NOTE = "otp-verification.claimed-phone";

    /** Set as well when that number may become a new user's (createUnknownUsers, registration allowed, nobody holds it). */
    public static final String SIGN_UP_NOTE = "otp-verification.sign-up-phone";

    private ClaimedIdentity() {
    }

    /** Records a number that names nobody; {@code mayRegister}: a confirmed code creates its user. */
    public static void claimPhone(AuthenticationSessionModel authSession, String e164, boolean mayRegister) {
        authSession.setAuthNote(PHONE_NOTE, e164);
        if (mayRegister) {
            authSession.setAuthNote(SIGN_UP_NOTE, e164);
        } else {
            authSession.removeAuthNote(SIGN_UP_NOTE);
        }
    }

    /** The typed number identified a user (the step sets that user too). */
    public static void identified(AuthenticationSessionModel authSession, String e164) {
        authSession.setAuthNote(PHONE_NOTE, e164);
        authSession.removeAuthNote(SIGN_UP_NOTE);
    }

    /** Forgets what was typed. */
    public static void clear(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(PHONE_NOTE);
        authSession.removeAuthNote(SIGN_UP_NOTE);
    }

    public static String phone(AuthenticationSessionModel authSession) {
        return authSession == null ? null : authSession.getAuthNote(PHONE_NOTE);
    }

    public static boolean mayRegister(AuthenticationSessionModel authSession) {
        return authSession != null && authSession.getAuthNote(SIGN_UP_NOTE) != null;
    }
}
