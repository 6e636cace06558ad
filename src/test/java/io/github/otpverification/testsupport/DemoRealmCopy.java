package io.github.otpverification.testsupport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.util.JsonSerialization;

/**
 * The demo realm file (the one users see in the demo and the docs) as a framework-managed realm,
 * sending mail to the framework's GreenMail. Subclasses adjust it.
 */
public class DemoRealmCopy implements RealmConfig {

    @Override
    public RealmBuilder configure(RealmBuilder ignored) {
        try {
            RealmRepresentation demo = read();
            demo.setSmtpServer(Map.of("host", "localhost", "port", "3025", "from", "keycloak@demo.local",
                    "fromDisplayName", "OTP Verification Demo"));
            adjust(demo);
            withDefaultRoles(demo);
            return RealmBuilder.update(demo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected void adjust(RealmRepresentation realm) {
    }

    /** The demo realm file, with flow ids of its own so that it can sit next to another copy on one server. */
    public static RealmRepresentation read() throws IOException {
        ObjectNode tree = (ObjectNode) JsonSerialization.mapper.readTree(Files.readAllBytes(Path.of("demo", "demo-realm.json")));
        FlowIds.renew(tree);
        return JsonSerialization.mapper.treeToValue(tree, RealmRepresentation.class);
    }

    /**
     * Gives every user of the realm its default roles under the realm's (possibly new) name, as
     * the demo file does for {@code demo}: an import maps no roles by itself, and a role name the
     * realm does not have would be created as an empty role.
     */
    public static RealmRepresentation withDefaultRoles(RealmRepresentation realm) {
        String defaultRoles = "default-roles-" + realm.getRealm();
        for (UserRepresentation user : realm.getUsers() == null ? List.<UserRepresentation>of() : realm.getUsers()) {
            List<String> roles = new ArrayList<>(user.getRealmRoles() == null ? List.of() : user.getRealmRoles());
            roles.removeIf(role -> role.startsWith("default-roles-"));
            roles.add(0, defaultRoles);
            user.setRealmRoles(roles);
        }
        return realm;
    }
}
