package io.github.otpverification.rest;

import io.github.otpverification.settings.RealmOtpSettings;
import org.keycloak.models.RealmModel;

/** Accepts an app's {@code urlTemplate} only when it is well-formed and points to an origin the realm knows. */
final class LinkPolicy {

    private final RealmModel realm;
    private final RealmOtpSettings settings;

    LinkPolicy(RealmModel realm, RealmOtpSettings settings) {
        this.realm = realm;
        this.settings = settings;
    }

    /** The parsed template, or null when none was given. */
    UrlTemplate parse(String template) {
        if (template == null) {
            return null;
        }
        UrlTemplate parsed;
        try {
            parsed = UrlTemplate.parse(template);
        } catch (IllegalArgumentException e) {
            throw ApiError.INVALID_URL_TEMPLATE.because(e.getMessage());
        }
        if (!LinkOrigins.of(realm, settings.urlTemplateOrigins()).contains(parsed.origin())) {
            throw ApiError.INVALID_URL_TEMPLATE.because("The origin " + parsed.origin() + " is not a redirect URI or web origin "
                    + "of a client of this realm, nor listed in the realm setting urlTemplateOrigins.");
        }
        return parsed;
    }
}
