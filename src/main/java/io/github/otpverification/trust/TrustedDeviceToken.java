package io.github.otpverification.trust;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.otpverification.names.TrustedDeviceNames;
import org.keycloak.representations.JsonWebToken;

/**
 * What a trusted-device cookie carries, signed by the realm's keys as an internal token (category
 * {@code INTERNAL}: the realm's HMAC key, its {@code kid} in the header): issuer (the realm's URL),
 * subject (the user id), issue and expiry time, a random id (the device id of events), the channel
 * the trust was earned on, the level of authentication requested then, and a keyed digest of the
 * account's email and phone number. No readable personal data.
 */
public class TrustedDeviceToken extends JsonWebToken {

    @JsonProperty("chn")
    private String channel;

    @JsonProperty("loa")
    private int level;

    @JsonProperty("cdg")
    private String contactDigest;

    @JsonProperty("iat_ms")
    private long issuedAtMillis;

    public TrustedDeviceToken() {
        type(TrustedDeviceNames.TOKEN_TYPE);
    }

    public String getChannel() {
        return channel;
    }

    public TrustedDeviceToken channel(String channel) {
        this.channel = channel;
        return this;
    }

    /**
     * The issue time in milliseconds: a password changed, or trust revoked, in the same second as
     * the trust was earned must tell which came first.
     */
    public long getIssuedAtMillis() {
        return issuedAtMillis;
    }

    public TrustedDeviceToken issuedAtMillis(long issuedAtMillis) {
        this.issuedAtMillis = issuedAtMillis;
        return this;
    }

    /** The level of authentication the sign-in asked for when the trust was earned (-1: none). */
    public int getLevel() {
        return level;
    }

    public TrustedDeviceToken level(int level) {
        this.level = level;
        return this;
    }

    /** {@code <key id>:<HMAC>} over user id, email and phone number (see {@link ContactDigest}). */
    public String getContactDigest() {
        return contactDigest;
    }

    public TrustedDeviceToken contactDigest(String contactDigest) {
        this.contactDigest = contactDigest;
        return this;
    }
}
