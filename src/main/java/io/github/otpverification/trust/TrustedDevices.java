package io.github.otpverification.trust;

import io.github.otpverification.names.TrustedDeviceNames;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.LongStream;
import org.keycloak.common.util.Time;
import org.keycloak.jose.jws.Algorithm;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.Urls;
import org.keycloak.services.resources.RealmsResource;

/**
 * "Don't ask for a code on this device for N days" (docs/trusted-devices.md): issues the signed
 * cookie, checks it, revokes an account's trust and says since when trust is valid. The login
 * steps decide whether a sign-in may use trust at all ({@link TrustedSignIn}); this class decides
 * whether a browser's cookie still holds for a user.
 *
 * <p>A cookie holds when Keycloak's token manager verifies its signature with a key the realm still
 * has, it is one of ours ({@code typ}, realm issuer, this user, this channel), it is younger than
 * both its expiry and the step's current number of days, it was issued after the account's last
 * revocation, sign-out everywhere (not-before of user and realm) and password change, the sign-in
 * asks for no higher level of authentication than the one it was earned at, and the account's
 * email and phone number are still those it was earned with.
 */
public final class TrustedDevices {

    private static final long DAY_SECONDS = 24L * 60 * 60;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ContactDigest contacts;

    public TrustedDevices(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.contacts = new ContactDigest(session, realm);
    }

    /**
     * The device id when this browser's trust holds for the user on this channel, else null.
     *
     * @param days the step's current {@code trustDeviceDays}: lowering it shortens trust already given, 0 ends it
     * @param requestedLevel the level of authentication this sign-in asks for (-1: none)
     */
    public String check(UserModel user, String channel, int days, int requestedLevel) {
        if (days <= 0) {
            return null;
        }
        TrustedDeviceToken token = read(channel);
        if (token == null || token.getIat() == null || token.getExp() == null
                || !TrustedDeviceNames.TOKEN_TYPE.equals(token.getType()) || !issuer().equals(token.getIssuer())
                || !user.getId().equals(token.getSubject()) || !channel.equals(token.getChannel())) {
            return null;
        }
        long now = Time.currentTime();
        if (now >= Math.min(token.getExp(), token.getIat() + days * DAY_SECONDS)) {
            return null;
        }
        Long since = since(user);
        if (since != null && token.getIssuedAtMillis() <= since) {
            return null;
        }
        if (requestedLevel > token.getLevel() || !contacts.matches(token.getContactDigest(), user)) {
            return null;
        }
        return token.getId();
    }

    /** Gives this browser the user's trust on this channel for {@code days} days; replaces an earlier user's. */
    public void issue(UserModel user, String channel, int days, int requestedLevel) {
        long nowMillis = Time.currentTimeMillis();
        long now = nowMillis / 1000;
        TrustedDeviceToken token = new TrustedDeviceToken().channel(channel).level(requestedLevel)
                .contactDigest(contacts.of(user)).issuedAtMillis(nowMillis);
        token.id(UUID.randomUUID().toString());
        token.issuer(issuer());
        token.subject(user.getId());
        token.iat(now);
        token.exp(now + days * DAY_SECONDS);
        NewCookie cookie = new NewCookie.Builder(cookieName(channel)).value(session.tokens().encode(token)).path(realmPath())
                .maxAge((int) (days * DAY_SECONDS)).secure(true).httpOnly(true).sameSite(NewCookie.SameSite.LAX).build();
        session.getContext().getHttpResponse().setCookieIfAbsent(cookie);
    }

    /** Ends the trust of every device of this user (the DELETE endpoints, the account console's "Sign out all devices"). */
    public void revoke(UserModel user) {
        user.setSingleAttribute(TrustedDeviceNames.REVOKED_AT_ATTRIBUTE, Long.toString(Time.currentTimeMillis()));
    }

    /**
     * Epoch milliseconds up to which trust is void (trust earned then or before no longer holds):
     * the latest of the last revocation, the newest password, and the user's and the realm's
     * not-before (sign-out everywhere; Keycloak keeps those in whole seconds, so trust earned in
     * that second is void too); null when there is none.
     */
    public Long since(UserModel user) {
        long notBefore = Math.max(session.users().getNotBeforeOfUser(realm, user), realm.getNotBefore());
        long latest = LongStream.of(revokedAt(user), passwordChangedAt(user), notBefore > 0 ? (notBefore + 1) * 1000 - 1 : 0)
                .max().orElse(0);
        return latest > 0 ? latest : null;
    }

    private static long revokedAt(UserModel user) {
        String value = user.getFirstAttribute(TrustedDeviceNames.REVOKED_AT_ATTRIBUTE);
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // a damaged mark revokes rather than trusts
        }
    }

    private static long passwordChangedAt(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .map(credential -> credential.getCreatedDate()).filter(created -> created != null)
                .mapToLong(Long::longValue).max().orElse(0);
    }

    /** The cookie's token when it is a well-formed token signed (HS512) by a key this realm still has, else null. */
    private TrustedDeviceToken read(String channel) {
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(cookieName(channel));
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isBlank()) {
            return null;
        }
        try {
            // Only the realm's HMAC key signs these: a token signed with another algorithm (an access token's RS256) is not one.
            if (new JWSInput(cookie.getValue()).getHeader().getAlgorithm() != Algorithm.HS512) {
                return null;
            }
        } catch (JWSInputException | RuntimeException e) {
            return null;
        }
        return session.tokens().decode(cookie.getValue(), TrustedDeviceToken.class);
    }

    private String issuer() {
        return Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName());
    }

    private String realmPath() {
        return RealmsResource.realmBaseUrl(session.getContext().getUri()).build(realm.getName()).getRawPath() + "/";
    }

    static String cookieName(String channel) {
        return TrustedDeviceNames.COOKIE_PREFIX + channel.toUpperCase(Locale.ROOT);
    }
}
