package io.github.otpverification.rest;

import io.github.otpverification.channel.Channels;
import io.github.otpverification.code.SingleUseObjectCodeStore;
import io.github.otpverification.verification.Origin;
import io.github.otpverification.verification.Verification;
import io.github.otpverification.verification.VerificationService;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.keycloak.events.EventBuilder;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.adapter.InMemoryUserAdapter;
import org.keycloak.utils.EmailValidationUtil;

/**
 * Codes for an email address that need not belong to an account ({@code /email/...}): guest
 * checkouts, checks before registration. No user is looked up at all, so the answer, its timing
 * and the events are the same whether or not the address is someone's.
 */
final class GuestEmailCodes {

    static final Set<String> SEND_FIELDS = Set.of("email", "username", "language", "purpose", "returnCode");
    static final Set<String> VERIFY_FIELDS = Set.of("email", "code", "purpose");
    private static final int MAX_EMAIL = 254;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final VerificationService service;
    private final ClientModel client;

    GuestEmailCodes(KeycloakSession session, VerificationService service, ClientModel client) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.service = service;
        this.client = client;
    }

    Map<String, Object> send(String contentType, InputStream body) {
        JsonBody json = JsonBody.read(contentType, body, SEND_FIELDS);
        String address = address(json);
        String username = json.string("username", 255);
        String language = CodeRequest.locale(json, "language");
        String purpose = CodeRequest.purpose(json);
        boolean returnCode = json.bool("returnCode");
        if (language != null) {
            session.setAttribute(LocaleSelectorProvider.USER_REQUEST_LOCALE, language);
        }
        Verification v = verification(address, purpose, guest(address, username)).returnCode(returnCode).build();
        return Answers.afterSend(v, service.send(v));
    }

    Map<String, Object> verify(String contentType, InputStream body) {
        JsonBody json = JsonBody.read(contentType, body, VERIFY_FIELDS);
        String address = address(json);
        String code = CodeRequest.code(json);
        String purpose = CodeRequest.purpose(json);
        Verification v = verification(address, purpose, null).build();
        if (!service.hasPendingCode(v)) {
            throw Answers.noPendingCode();
        }
        return Answers.afterCheck(v, service.verify(v, code));
    }

    private Verification.Builder verification(String address, String purpose, UserModel standIn) {
        return Verification.forGuest(Channels.EMAIL, address, standIn).purpose(purpose)
                .store(new SingleUseObjectCodeStore(session.singleUseObjects(), realm.getId(), "email:" + address,
                        Channels.EMAIL.id(), purpose))
                .policy(service.settings().codePolicy())
                .from(Origin.GUEST, () -> {
                    EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection());
                    return client == null ? event : event.client(client);
                });
    }

    private static String address(JsonBody json) {
        String address = json.string("email", MAX_EMAIL);
        if (address == null || address.isBlank()) {
            throw ApiError.EMAIL_REQUIRED.because("'email' is required.");
        }
        address = address.trim().toLowerCase(Locale.ROOT);
        if (!EmailValidationUtil.isValidEmail(address)) {
            throw ApiError.INVALID_EMAIL.because("'email' is not a valid email address.");
        }
        return address;
    }

    /** A stand-in user for the mail template: the address and the name the app gave, stored nowhere. */
    private UserModel guest(String address, String username) {
        InMemoryUserAdapter guest = new InMemoryUserAdapter(session, realm, "guest");
        guest.setEmail(address);
        guest.setUsername(username == null || username.isBlank() ? address : username);
        return guest;
    }
}
