package io.github.otpverification.support;

import org.keycloak.authentication.RequiredActionContext;

/** {@link BruteForce} for the user of a required action. */
public final class RequiredActionBruteForce {

    private RequiredActionBruteForce() {
    }

    public static boolean isLockedOut(RequiredActionContext context) {
        return BruteForce.isLockedOut(context.getSession(), context.getRealm(), context.getUser());
    }

    public static void recordWrongCode(RequiredActionContext context) {
        BruteForce.recordWrongCode(context.getSession(), context.getRealm(), context.getUser());
    }
}
