package io.github.otpverification.code;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Code hashing keys derived from the realm's own HMAC key (the HS512 key every realm has), so
 * every node of a cluster computes the same hashes and no key lives in one JVM's memory. The
 * key id is kept with each pending code, so a rotation of the realm's keys does not break codes
 * that are already out.
 */
public final class RealmCodeKeys implements CodeKeys {

    private static final String CODE_LABEL = "keycloak-otp-verification/code-hash/v1";
    private static final String SEAL_SEPARATOR = ":";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String label;
    /** Derived hashers of this request, by key id: a key is derived once per request, not per code. */
    private final Map<String, CodeHasher> derived = new HashMap<>();

    public RealmCodeKeys(KeycloakSession session, RealmModel realm) {
        this(session, realm, CODE_LABEL);
    }

    /** Keys for another use than codes, derived with their own label so no hash of one use fits another. */
    public RealmCodeKeys(KeycloakSession session, RealmModel realm, String label) {
        this.session = session;
        this.realm = realm;
        this.label = label;
    }

    /** The hasher for new codes: the realm's active HMAC key. */
    @Override
    public CodeHasher forIssuing() {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
        if (key == null || key.getSecretKey() == null) {
            throw new IllegalStateException("Realm " + realm.getName() + " has no active HS512 key");
        }
        return derive(key);
    }

    /** The hasher that made a pending code, or null when that key no longer exists. */
    @Override
    public CodeHasher forPending(PendingCode pending) {
        return forKeyId(pending.keyId());
    }

    /** The hasher of the realm key with this id, or null when that key no longer exists. */
    public CodeHasher forKeyId(String keyId) {
        KeyWrapper key = session.keys().getKey(realm, keyId, KeyUse.SIG, Algorithm.HS512);
        return key == null || key.getSecretKey() == null ? null : derive(key);
    }

    /**
     * {@code <key id>:<keyed hash of text>}, to keep beside what it vouches for (a confirmed phone
     * number, a trusted device's contacts): only the server can make or check it.
     */
    public String seal(String text) {
        CodeHasher hasher = forIssuing();
        return hasher.keyId() + SEAL_SEPARATOR + hasher.mac(text);
    }

    /** Whether {@code sealed} is {@link #seal(String) the seal} of this text under a key the realm still has. */
    public boolean isSealOf(String sealed, String text) {
        int separator = sealed == null ? -1 : sealed.lastIndexOf(SEAL_SEPARATOR);
        if (separator <= 0) {
            return false;
        }
        CodeHasher hasher = forKeyId(sealed.substring(0, separator));
        return hasher != null && CodeHasher.sameHash(sealed.substring(separator + 1), hasher.mac(text));
    }

    private CodeHasher derive(KeyWrapper key) {
        return derived.computeIfAbsent(key.getKid(), kid -> derive(kid, key, label));
    }

    private static CodeHasher derive(String kid, KeyWrapper key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getSecretKey().getEncoded(), "HmacSHA256"));
            byte[] derivedKey = mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
            return new CodeHasher(kid, derivedKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }
}
