package io.github.otpverification.testsupport;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.keycloak.models.RealmModel;

/**
 * A realm that is nothing but its attributes, for unit tests of code that only reads and writes
 * realm attributes (the settings document). Any other call fails loudly.
 */
public final class AttributeRealm {

    private AttributeRealm() {
    }

    public static RealmModel with(Map<String, String> initial) {
        Map<String, String> attributes = new HashMap<>(initial);
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> args.length == 1 ? attributes.get((String) args[0]) : null;
                    case "setAttribute" -> {
                        attributes.put((String) args[0], String.valueOf(args[1]));
                        yield null;
                    }
                    case "removeAttribute" -> attributes.remove((String) args[0]);
                    case "getAttributes" -> Map.copyOf(attributes);
                    case "getName", "getId" -> "test";
                    case "toString" -> "AttributeRealm" + attributes;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("AttributeRealm has no " + method.getName());
                });
    }

    public static RealmModel empty() {
        return with(Map.of());
    }
}
