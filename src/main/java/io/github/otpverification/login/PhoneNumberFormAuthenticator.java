package io.github.otpverification.login;

import io.github.otpverification.phone.PhoneNumberCheck;
import io.github.otpverification.phone.PhoneNumberValidator;
import io.github.otpverification.phone.RealmPhoneRules;
import io.github.otpverification.privacy.DestinationMask;
import io.github.otpverification.settings.RealmOtpSettings;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Login step {@code phone-number-form}: asks for a phone number, reads it with the realm's phone
 * rules and identifies the user whose verified number it is. A number that names nobody (unknown,
 * unverified, a disabled user's, or verified by several users) sets no user: it is left as a
 * {@link ClaimedIdentity} for the code step after it, which shows the same pages as for a known
 * number. Either way the step succeeds, so the pages after it cannot tell the two apart. See
 * docs/phone-sign-in.md.
 */
public class PhoneNumberFormAuthenticator implements Authenticator {

    private static final Logger LOG = Logger.getLogger(PhoneNumberFormAuthenticator.class);

    private final PhoneNumberValidator validator;
    private final UniqueNumbersWarning uniqueNumbersWarning;

    PhoneNumberFormAuthenticator(PhoneNumberValidator validator, UniqueNumbersWarning uniqueNumbersWarning) {
        this.validator = validator;
        this.uniqueNumbersWarning = uniqueNumbersWarning;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        context.challenge(PhoneNumberPage.show(context));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        PhoneNumberPage.remember(authSession, context.getHttpRequest().getDecodedFormParameters().getFirst(PhoneNumberPage.FIELD));
        RealmModel realm = context.getRealm();
        RealmPhoneRules rules = RealmPhoneRules.of(realm, RealmOtpSettings.of(realm), context.getSession().getContext().resolveLocale(null));
        uniqueNumbersWarning.check(realm, rules);
        // a sign-in code goes by SMS: whatever VERIFY_PHONE_NUMBER accepts, only mobile numbers sign in
        PhoneNumberCheck check = validator.check(authSession.getAuthNote(PhoneNumberPage.TYPED_NOTE), rules.rules().mobileOnly());
        if (!check.isValid()) {
            context.challenge(PhoneNumberPage.refused(context, check.errorKey()));
            return;
        }
        identify(context, check.e164());
    }

    private void identify(AuthenticationFlowContext context, String e164) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String masked = DestinationMask.phone(e164);
        context.clearUser();
        SignUpEmail.forget(authSession); // a number typed again starts over, its sign-up code included
        // what later pages show as the "attempted username": the number, masked, never the account's username
        authSession.setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, masked);
        context.getEvent().detail(Details.USERNAME, masked);
        PhoneNumberHolders holders = PhoneNumberHolders.of(context.getSession(), context.getRealm(), e164);
        UserModel owner = holders.owner();
        if (owner != null) {
            ClaimedIdentity.identified(authSession, e164); // the code step then answers as for a number of nobody
            context.setUser(owner);
            context.success();
            return;
        }
        if (holders.ambiguous()) {
            LOG.warnf("Realm %s: %d users verified the number %s; phone sign-in identifies none of them. Turn on unique numbers "
                    + "(docs/phone-sign-in.md).", context.getRealm().getName(), holders.verified().size(), masked);
        }
        boolean mayRegister = PhoneNumberFormConfig.from(context.getAuthenticatorConfig()).createUnknownUsers()
                && context.getRealm().isRegistrationAllowed() && holders.nobody();
        ClaimedIdentity.claimPhone(authSession, e164, mayRegister);
        // as Keycloak's username form records an unknown username (here masked); the pages go on the same
        context.getEvent().clone().error(Errors.USER_NOT_FOUND);
        context.success();
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
