package io.github.otpverification.rest;

import io.github.otpverification.code.Channel;
import io.github.otpverification.code.CodeBinding;
import io.github.otpverification.code.CodeCheck;
import io.github.otpverification.code.CodeDelivery;
import io.github.otpverification.code.CodeEngine;
import io.github.otpverification.code.CodeExchange;
import io.github.otpverification.code.CodePolicy;
import io.github.otpverification.code.SendResult;
import io.github.otpverification.code.SingleUseObjectCodeStore;
import io.github.otpverification.limits.SendLimit;
import io.github.otpverification.settings.RealmOtpSettings;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
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
    private final RealmOtpSettings settings;
    private final CodeEngine engine;
    private final ApiEvents events;

    GuestEmailCodes(KeycloakSession session, RealmModel realm, CodeEngine engine, ApiEvents events) {
        this.session = session;
        this.realm = realm;
        this.settings = RealmOtpSettings.of(realm);
        this.engine = engine;
        this.events = events;
    }

    Map<String, Object> send(String contentType, InputStream body) {
        JsonBody json = JsonBody.read(contentType, body, SEND_FIELDS);
        String address = address(json);
        String username = json.string("username", 255);
        String language = CodeRequest.locale(json, "language");
        String purpose = CodeRequest.purpose(json);
        boolean returnCode = json.bool("returnCode");

        CodePolicy policy = settings.codePolicy();
        SingleUseObjectCodeStore store = store(address, purpose).sendingTo(address, false);
        CodeDeliveries.Returned returned = returnCode ? new CodeDeliveries.Returned() : null;
        CodeDelivery delivery = returned != null ? returned : new CodeDeliveries(session, realm)
                .to(guest(address, username), Channel.EMAIL, address, purpose, policy.ttlSeconds(), language, null);
        List<SendLimit> limits = List.of(new SendLimit("destination", address, settings.maxSendsPerDestinationPerHour()));
        SendResult result = exchange(store, address, purpose).resend(limits, delivery);
        return Answers.afterSend(result, events.send(null, Channel.EMAIL, purpose, address), Channel.EMAIL, purpose, address,
                policy, returned == null ? null : returned.code());
    }

    Map<String, Object> verify(String contentType, InputStream body) {
        JsonBody json = JsonBody.read(contentType, body, VERIFY_FIELDS);
        String address = address(json);
        String code = CodeRequest.code(json);
        String purpose = CodeRequest.purpose(json);

        SingleUseObjectCodeStore store = store(address, purpose);
        if (store.entry() == null) {
            throw Answers.noPendingCode();
        }
        CodeCheck check = exchange(store, address, purpose).verify(code);
        EventBuilder event = events.verify(null, Channel.EMAIL, purpose, address);
        switch (check.outcome()) {
            case VERIFIED -> {
                event.success();
                return Answers.approved(Channel.EMAIL);
            }
            case WRONG, ATTEMPTS_EXHAUSTED -> event.error(Errors.INVALID_CODE);
            case EXPIRED -> event.error(Errors.EXPIRED_CODE);
            default -> {
                // nothing was checked
            }
        }
        throw Answers.notVerified(check);
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

    private SingleUseObjectCodeStore store(String address, String purpose) {
        return new SingleUseObjectCodeStore(session.singleUseObjects(), realm.getId(), "email:" + address, Channel.EMAIL, purpose);
    }

    private CodeExchange exchange(SingleUseObjectCodeStore store, String address, String purpose) {
        CodeBinding binding = new CodeBinding(realm.getId(), "email:" + address, Channel.EMAIL, purpose, address);
        return new CodeExchange(engine, session, realm, store, binding, settings.codePolicy());
    }
}
