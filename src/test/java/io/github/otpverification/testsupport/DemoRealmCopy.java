package io.github.otpverification.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.keycloak.representations.idm.RealmRepresentation;
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
            RealmRepresentation demo = JsonSerialization.readValue(Files.readAllBytes(Path.of("demo", "demo-realm.json")),
                    RealmRepresentation.class);
            demo.setSmtpServer(Map.of("host", "localhost", "port", "3025", "from", "keycloak@demo.local",
                    "fromDisplayName", "OTP Verification Demo"));
            adjust(demo);
            return RealmBuilder.update(demo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected void adjust(RealmRepresentation realm) {
    }
}
