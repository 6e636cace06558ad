package io.github.otpverification.verification;

/** Where a verification is asked for; it decides which caps count and who records what. */
public enum Origin {
    /** A login step inside an authentication flow: Keycloak counts wrong codes and records the login. */
    LOGIN_STEP(true, true),
    /** A required action on the login pages. */
    REQUIRED_ACTION(true, false),
    /** The person through the REST API with their own token ({@code /me}). */
    SELF_SERVICE(true, false),
    /** An app for one of its users ({@code /users/...}): it calls from its server's address. */
    APP(false, false),
    /** An app for an address that need not belong to anyone ({@code /email/...}). */
    GUEST(false, false);

    private final boolean person;
    private final boolean loginFlow;

    Origin(boolean person, boolean loginFlow) {
        this.person = person;
        this.loginFlow = loginFlow;
    }

    /** The request comes from the person's own browser or app, so its address is theirs. */
    public boolean isPerson() {
        return person;
    }

    /** Inside an authentication flow. */
    public boolean isLoginFlow() {
        return loginFlow;
    }
}
