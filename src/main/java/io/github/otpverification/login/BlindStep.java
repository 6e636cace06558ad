package io.github.otpverification.login;

import io.github.otpverification.channel.Channel;
import io.github.otpverification.channel.Channels;
import io.github.otpverification.privacy.DestinationMask;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Where the code step must answer alike whether or not an account exists (docs/security.md, "No
 * account enumeration"): in the reset-credentials flow, after Keycloak's "Choose User", and for
 * SMS after {@code phone-number-form}. There the step works without a user (Keycloak's own
 * {@code ResetCredentialEmail} does the same) and shows only what the person typed.
 *
 * @param typed what the person typed: the username or address of the reset form, the phone number
 * @param reset whether this is the reset-credentials flow
 */
record BlindStep(String typed, boolean reset) {

    /** The blind entry of this login for a step of {@code channel}, or null when the step answers normally. */
    static BlindStep of(AuthenticationSessionModel authSession, Channel channel) {
        if (authSession == null) {
            return null;
        }
        if (LoginActionsService.RESET_CREDENTIALS_PATH.equals(authSession.getAuthNote(AuthenticationProcessor.CURRENT_FLOW_PATH))) {
            String typed = authSession.getAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME);
            return new BlindStep(typed == null ? "" : typed, true);
        }
        String phone = ClaimedIdentity.phone(authSession);
        return phone != null && channel == Channels.SMS ? new BlindStep(phone, false) : null;
    }

    /** What the page shows: what the person typed, masked when it is an email address or a phone number. */
    String shown() {
        return DestinationMask.typed(typed);
    }
}
