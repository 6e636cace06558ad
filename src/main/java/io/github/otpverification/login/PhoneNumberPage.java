package io.github.otpverification.login;

import io.github.otpverification.phone.PhoneNumberValidator;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The page of the Phone Number step ({@code otp-phone-sign-in.ftl}): one field {@code phoneNumber},
 * prefilled with what the person typed last (on a re-shown form, or after the back button) or
 * else with a phone number the app sent as {@code login_hint} ({@code tel:+49...} or {@code +49...}).
 */
final class PhoneNumberPage {

    static final String TEMPLATE = "otp-phone-sign-in.ftl";
    static final String FIELD = "phoneNumber";
    /** What was typed last, at most {@value PhoneNumberValidator#MAX_INPUT_LENGTH} characters. */
    static final String TYPED_NOTE = "otp-verification.typed-phone";

    private static final String TEL_SCHEME = "tel:";

    private PhoneNumberPage() {
    }

    /** The page, prefilled. */
    static Response show(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String typed = typedBefore(authSession);
        String prefill = typed != null ? typed : hintedNumber(authSession.getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM));
        return context.form().setAttribute(FIELD, prefill == null ? "" : prefill).createForm(TEMPLATE);
    }

    /**
     * What was typed in this login; else, after the back button (the browser fetched the app's sign-in
     * request again, which starts a new login in the same browser session), what was typed in the
     * one other login of this browser at the same app.
     */
    private static String typedBefore(AuthenticationSessionModel authSession) {
        String typed = authSession.getAuthNote(TYPED_NOTE);
        if (typed != null) {
            return typed;
        }
        Set<String> elsewhere = authSession.getParentSession().getAuthenticationSessions().values().stream()
                .filter(other -> other.getClient().getId().equals(authSession.getClient().getId()))
                .map(other -> other.getAuthNote(TYPED_NOTE)).filter(Objects::nonNull).collect(Collectors.toSet());
        return elsewhere.size() == 1 ? elsewhere.iterator().next() : null;
    }

    /** The page again with the number refused for this reason (a message key) under the field. */
    static Response refused(AuthenticationFlowContext context, String errorKey) {
        return context.form().setAttribute(FIELD, context.getAuthenticationSession().getAuthNote(TYPED_NOTE))
                .addError(new FormMessage(FIELD, errorKey)).createForm(TEMPLATE);
    }

    /** Keeps what was typed (cut to the field's length) for the next time the page shows. */
    static void remember(AuthenticationSessionModel authSession, String typed) {
        String value = typed == null ? "" : typed.strip();
        authSession.setAuthNote(TYPED_NOTE, value.length() > PhoneNumberValidator.MAX_INPUT_LENGTH
                ? value.substring(0, PhoneNumberValidator.MAX_INPUT_LENGTH) : value);
    }

    /** The number in a {@code login_hint} of {@code tel:+...} or {@code +...}; null for any other hint (a username, an email). */
    static String hintedNumber(String hint) {
        if (hint == null) {
            return null;
        }
        String value = hint.strip();
        if (value.toLowerCase(Locale.ROOT).startsWith(TEL_SCHEME)) {
            value = value.substring(TEL_SCHEME.length());
        }
        int parameters = value.indexOf(';'); // tel:+49...;ext=1
        if (parameters >= 0) {
            value = value.substring(0, parameters);
        }
        return value.length() <= PhoneNumberValidator.MAX_INPUT_LENGTH && value.matches("\\+[0-9][0-9 ()./\\-]*") ? value : null;
    }
}
