package io.github.otpverification.rest;

import io.github.otpverification.channel.Channels;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.trust.TrustedDevices;
import io.github.otpverification.verification.Origin;
import io.github.otpverification.verification.VerificationService;
import io.github.otpverification.code.CodeEngine;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * {@code /realms/{realm}/verification}: apps and people send and confirm codes
 * (docs/rest-api.md), admins read and change the realm's settings (docs/settings.md). Each method only routes:
 * authentication, then the matching service; errors leave as the API's JSON.
 */
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final CodeEngine engine;

    public VerificationResource(KeycloakSession session, CodeEngine engine) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.engine = engine;
    }

    @POST
    @Path("users/{userId}/send-code")
    public Response sendCode(@PathParam("userId") String userId, InputStream body) {
        return asCaller((caller, codes) -> codes.send(caller.managedUser(userId),
                CodeRequest.Send.read(contentType(), body), Origin.APP));
    }

    @POST
    @Path("users/{userId}/verify-code")
    public Response verifyCode(@PathParam("userId") String userId, InputStream body) {
        return asCaller((caller, codes) -> codes.verify(caller.managedUser(userId),
                CodeRequest.Verify.read(contentType(), body), Origin.APP));
    }

    @GET
    @Path("users/{userId}")
    public Response userStatus(@PathParam("userId") String userId) {
        return asCaller((caller, codes) -> codes.status(caller.managedUser(userId)));
    }

    @DELETE
    @Path("users/{userId}/trusted-devices")
    public Response revokeTrustedDevices(@PathParam("userId") String userId) {
        return asCaller((caller, codes) -> {
            new TrustedDevices(session, realm).revoke(caller.managedUser(userId));
            return ApiResponses.noContent();
        });
    }

    @POST
    @Path("me/send-code")
    public Response sendOwnCode(InputStream body) {
        return asSelf(false, (self, codes) -> codes.send(self, CodeRequest.Send.read(contentType(), body), Origin.SELF_SERVICE));
    }

    @POST
    @Path("me/verify-code")
    public Response verifyOwnCode(InputStream body) {
        return asSelf(false, (self, codes) -> codes.verify(self, CodeRequest.Verify.read(contentType(), body), Origin.SELF_SERVICE));
    }

    @GET
    @Path("me")
    public Response ownStatus() {
        return asSelf(false, (self, codes) -> codes.status(self));
    }

    @DELETE
    @Path("me/trusted-devices")
    public Response revokeOwnTrustedDevices() {
        return asSelf(false, (self, codes) -> {
            new TrustedDevices(session, realm).revoke(self);
            return ApiResponses.noContent();
        });
    }

    @PUT
    @Path("me/phone-number")
    public Response changeOwnPhoneNumber(InputStream body) {
        return asSelf(true, (self, codes) -> {
            ContactChange.Phone change = ContactChange.Phone.read(contentType(), body, codes.settings());
            return codes.stage(self, Channels.SMS, change.phoneNumber(), change.locale());
        });
    }

    @PUT
    @Path("me/email")
    public Response changeOwnEmail(InputStream body) {
        return asSelf(true, (self, codes) -> {
            ContactChange.Email change = ContactChange.Email.read(contentType(), body);
            return codes.stage(self, Channels.EMAIL, change.email(), change.locale());
        });
    }

    @POST
    @Path("email/send-code")
    public Response sendGuestCode(InputStream body) {
        return ApiResponses.answer(() -> {
            ApiCaller caller = ApiCaller.authenticate(session);
            caller.requireManageUsers();
            return guestCodes(caller).send(contentType(), body);
        });
    }

    @POST
    @Path("email/verify-code")
    public Response verifyGuestCode(InputStream body) {
        return ApiResponses.answer(() -> {
            ApiCaller caller = ApiCaller.authenticate(session);
            caller.requireManageUsers();
            return guestCodes(caller).verify(contentType(), body);
        });
    }

    @GET
    @Path("settings")
    public Response settings() {
        return ApiResponses.answer(() -> {
            ApiCaller.authenticate(session).requireManageRealm();
            return new SettingsDocument(session, realm).read();
        });
    }

    @PUT
    @Path("settings")
    public Response updateSettings(InputStream body) {
        return ApiResponses.answer(() -> {
            ApiCaller caller = ApiCaller.authenticate(session);
            caller.requireManageRealm();
            SettingsDocument document = new SettingsDocument(session, realm);
            RealmOtpSettings updated = document.update(contentType(), body);
            document.audit(caller.adminEvent(), updated);
            return updated;
        });
    }

    @GET
    @Path("openapi.json")
    public Response openApi() {
        return OpenApiDocument.response();
    }

    /** CORS preflights of every path (docs/security.md); a browser sends them without a token. */
    @OPTIONS
    @Path("{any: .*}")
    public Response preflight() {
        return ApiCors.preflight(session);
    }

    /*
     * Any other path or method under /verification: the API's own 404 / 405 instead of Keycloak's
     * generic error page. JAX-RS prefers every path above to this template.
     */
    @GET
    @Path("{unknown: .*}")
    public Response unknownGet() {
        return unknown();
    }

    @POST
    @Path("{unknown: .*}")
    public Response unknownPost() {
        return unknown();
    }

    @PUT
    @Path("{unknown: .*}")
    public Response unknownPut() {
        return unknown();
    }

    @DELETE
    @Path("{unknown: .*}")
    public Response unknownDelete() {
        return unknown();
    }

    @PATCH
    @Path("{unknown: .*}")
    public Response unknownPatch() {
        return unknown();
    }

    private Response unknown() {
        String path = session.getContext().getUri().getPath();
        boolean known = KNOWN_PATHS.stream().anyMatch(template -> path.matches(".*/verification/" + template));
        return ApiResponses.error(ApiResponses.fromJaxRs(known ? 405 : 404));
    }

    /** The API's paths, as patterns, to tell a wrong method (405) from a wrong path (404). */
    private static final java.util.List<String> KNOWN_PATHS = java.util.List.of("users/[^/]+/send-code", "users/[^/]+/verify-code",
            "users/[^/]+", "users/[^/]+/trusted-devices", "me/send-code", "me/verify-code", "me", "me/trusted-devices",
            "me/phone-number", "me/email", "email/send-code",
            "email/verify-code", "settings", "openapi\\.json");

    private interface UserEndpoint {
        Object call(ApiCaller caller, UserCodes codes);
    }

    private interface SelfEndpoint {
        Object call(UserModel self, UserCodes codes);
    }

    private Response asCaller(UserEndpoint endpoint) {
        return ApiResponses.answer(() -> {
            ApiCaller caller = ApiCaller.authenticate(session);
            return endpoint.call(caller, userCodes(caller));
        });
    }

    /**
     * A {@code /me} endpoint: the caller's own account, for a token the Account API would accept;
     * a contact change also needs a recent sign-in. Both are checked before the request is read.
     */
    private Response asSelf(boolean contactChange, SelfEndpoint endpoint) {
        return ApiResponses.answer(() -> {
            ApiCaller caller = ApiCaller.authenticate(session);
            UserModel self = caller.self();
            UserCodes codes = userCodes(caller);
            if (contactChange) {
                caller.requireSignInWithin(codes.settings().maxAuthAgeSeconds());
            }
            return endpoint.call(self, codes);
        });
    }

    private UserCodes userCodes(ApiCaller caller) {
        return new UserCodes(session, new VerificationService(session, realm, engine), caller.client());
    }

    private GuestEmailCodes guestCodes(ApiCaller caller) {
        return new GuestEmailCodes(session, new VerificationService(session, realm, engine), caller.client());
    }

    private String contentType() {
        return session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.CONTENT_TYPE);
    }
}
