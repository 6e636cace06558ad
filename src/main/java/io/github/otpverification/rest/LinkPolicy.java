package io.github.otpverification.rest;

import io.github.otpverification.settings.RealmOtpSettings;
import org.keycloak.models.RealmModel;

/**
 * Accepts an app's {@code urlTemplate} only when it is well-formed and points to an origin the
 * realm knows. The form is checked at once; the origin, which walks every client's redirect URIs
 * and web origins, only when a code is about to go out (after the caps) and once per request.
 */
final class LinkPolicy {

    private final RealmModel realm;
    private final RealmOtpSettings settings;
    private java.util.Set<String> origins;

    LinkPolicy(RealmModel realm, RealmOtpSettings settings) {
        this.realm = realm;
        this.settings = settings;
    }

    /** The well-formed template, or null when none was given; its origin is checked by {@link #checked}. */
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
        return parsed;
    }

    /** The template, once its origin is one the realm knows; else {@code 400 invalid_url_template}. */
    UrlTemplate checked(UrlTemplate parsed) {
        if (origins == null) {
            origins = LinkOrigins.of(realm, settings.urlTemplateOrigins());
        }
        if (!origins.contains(parsed.origin())) {
            throw ApiError.INVALID_URL_TEMPLATE.because("The origin " + parsed.origin() + " is not a redirect URI or web origin "
                    + "of a client of this realm, nor listed in the realm setting urlTemplateOrigins.");
        }
        return parsed;
    }
}
