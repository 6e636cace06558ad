package io.github.otpverification.channel;

import io.github.otpverification.names.MessageKeys;
import io.github.otpverification.privacy.DestinationMask;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The mail that tells a person their account's email address or phone number was changed: it
 * names the new one masked and never carries a code, so a stranger who moved the contact cannot
 * do so unnoticed (docs/security.md). It goes to the address the account had before the change.
 * A notice that cannot be sent undoes nothing: the change stands, and the outcome is logged and
 * returned for the event.
 */
public final class ChangeNotice {

    static final String TEMPLATE = "otp-change-notice.ftl";

    /** Values of the {@code change_notice} event detail. */
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String NO_ADDRESS = "no_address";

    private static final Logger LOG = Logger.getLogger(ChangeNotice.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    public ChangeNotice(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * Tells {@code to} that the user's {@code changed} contact is now {@code newDestination}.
     * Never throws; answers {@link #SENT}, {@link #FAILED} or {@link #NO_ADDRESS}.
     */
    public String send(UserModel user, String to, Channel changed, String newDestination) {
        if (to == null || to.isBlank()) {
            return NO_ADDRESS;
        }
        String realmName = EmailCodeSender.displayName(realm);
        // EmailTemplateProvider adds its own entries to this map, so it must be mutable.
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("channel", changed.id());
        attributes.put("newDestination", changed.mask(newDestination));
        attributes.put("realmDisplayName", realmName);
        attributes.put(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, true); // the user's language, not the calling app's
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send(MessageKeys.CHANGE_NOTICE_SUBJECT_PREFIX + changed.id(), List.of(realmName), TEMPLATE, attributes, to);
            return SENT;
        } catch (EmailException | RuntimeException e) {
            String masked = DestinationMask.email(to);
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : DestinationMask.scrub(e.getMessage());
            LOG.warnf("Could not send the %s change notice to %s in realm %s (the change stands): %s", changed.id(), masked,
                    realm.getName(), reason);
            return FAILED;
        }
    }
}
