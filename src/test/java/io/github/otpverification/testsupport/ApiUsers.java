package io.github.otpverification.testsupport;

import io.github.otpverification.phone.PhoneAttributes;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** Users made for one test (removed afterwards), each with a unique name and address. */
public final class ApiUsers {

    public static final String PASSWORD = "secret-Passw0rd";

    private final ManagedRealm realm;

    public ApiUsers(ManagedRealm realm) {
        this.realm = realm;
    }

    /** A user with an unverified email and a password. */
    public UserRepresentation create() {
        return create(user -> { });
    }

    public interface Customizer {
        void customize(UserRepresentation user);
    }

    public UserRepresentation create(Customizer customizer) {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(name);
        user.setEmail(name + "@example.com");
        user.setFirstName("Test");
        user.setLastName("User");
        user.setEnabled(true);
        user.setEmailVerified(false);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        customizer.customize(user);
        try (Response response = realm.admin().users().create(user)) {
            String id = CreatedResponseUtil.getCreatedId(response);
            user.setId(id);
            realm.cleanup().add(r -> r.users().get(id).remove());
        }
        return user;
    }

    public static Customizer phone(String e164, boolean verified) {
        return user -> {
            Map<String, List<String>> attributes = user.getAttributes() == null ? new HashMap<>() : new HashMap<>(user.getAttributes());
            attributes.put(PhoneAttributes.PHONE_NUMBER, List.of(e164));
            attributes.put(PhoneAttributes.PHONE_NUMBER_VERIFIED, List.of(Boolean.toString(verified)));
            user.setAttributes(attributes);
        };
    }

    public UserRepresentation read(String id) {
        return realm.admin().users().get(id).toRepresentation();
    }
}
