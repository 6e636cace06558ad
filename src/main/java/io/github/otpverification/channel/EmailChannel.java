package io.github.otpverification.channel;

import io.github.otpverification.privacy.DestinationMask;
import io.github.otpverification.code.DeliveryException;
import io.github.otpverification.code.SendLimit;
import io.github.otpverification.names.EventNames;
import io.github.otpverification.names.MessageKeys;
import io.github.otpverification.names.ProviderIds;
import io.github.otpverification.settings.RealmOtpSettings;
import java.util.List;
import java.util.Locale;
import org.keycloak.authentication.requiredactions.UpdateEmail;
import org.keycloak.email.EmailException;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.ValidationException;

/** Codes by mail, to Keycloak's own {@code email} / {@code emailVerified}. */
public final class EmailChannel implements Channel {

    EmailChannel() {
    }

    @Override
    public String id() {
        return "email";
    }

    @Override
    public String contactOf(UserModel user) {
        String email = user.getEmail();
        return email == null || email.isBlank() ? null : email;
    }

    @Override
    public String verifiedContactOf(UserModel user) {
        return user.isEmailVerified() ? contactOf(user) : null;
    }

    @Override
    public String canonical(String destination) {
        return destination.toLowerCase(Locale.ROOT);
    }

    @Override
    public String mask(String destination) {
        return DestinationMask.email(destination);
    }

    @Override
    public OutgoingMessage prepare(Delivery delivery, String code) throws DeliveryException {
        try {
            return new EmailCodeSender(delivery.session()).render(delivery, code);
        } catch (EmailException e) {
            throw DeliveryException.of(e);
        }
    }

    @Override
    public List<SendLimit> channelLimits(RealmOtpSettings settings, boolean toVerifiedContact) {
        return List.of();
    }

    @Override
    public boolean ipCappedOnLoginPages() {
        return false;
    }

    @Override
    public EventType sendEvent() {
        return EventType.SEND_VERIFY_EMAIL;
    }

    @Override
    public EventType verifyEvent() {
        return EventType.VERIFY_EMAIL;
    }

    @Override
    public String deliveryError() {
        return Errors.EMAIL_SEND_FAILED;
    }

    @Override
    public String deliveryFailedMessage() {
        return MessageKeys.EMAIL_SEND_FAILED;
    }

    @Override
    public String deliveryFailedDescription() {
        return "The mail server refused the message. No code is pending; try again later.";
    }

    @Override
    public String noun() {
        return "email address";
    }

    /**
     * A new address is saved the way Keycloak's own UPDATE_EMAIL action saves it (user profile,
     * attribute-change listener, {@code UPDATE_EMAIL} event); then the address is verified and any
     * pending link or code verification of it is dropped.
     */
    @Override
    public boolean confirm(Confirmation confirmation) {
        UserModel user = confirmation.user();
        if (!confirmation.destination().equalsIgnoreCase(user.getEmail())) {
            try {
                UserProfile profile = validateChange(confirmation.session(), user, confirmation.destination());
                UpdateEmail.updateEmailNow(confirmation.audit(), user, profile);
                confirmation.audit().success();
            } catch (ValidationException e) {
                return false;
            }
        }
        user.setEmailVerified(true);
        confirmation.dropRequiredAction(UserModel.RequiredAction.VERIFY_EMAIL.name());
        confirmation.dropRequiredAction(ProviderIds.VERIFY_EMAIL_CODE);
        return true;
    }

    /**
     * The realm's rules for this user's new address (format, duplicates, read-only email), as
     * Keycloak's UPDATE_EMAIL applies them; the profile to save it with.
     */
    public static UserProfile validateChange(KeycloakSession session, UserModel user, String address) throws ValidationException {
        return UpdateEmail.validateEmailUpdate(session, user, address);
    }
}
