package io.github.otpverification.testsupport;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.models.UserModel;

/** A user that is nothing but an id, an email, attributes and required actions, for unit tests. */
public final class MapUser {

    private MapUser() {
    }

    public static UserModel create(String id, String email, boolean emailVerified) {
        Map<String, String> attributes = new HashMap<>();
        Set<String> actions = new HashSet<>();
        boolean[] verified = {emailVerified};
        String[] address = {email};
        return (UserModel) Proxy.newProxyInstance(UserModel.class.getClassLoader(), new Class<?>[] {UserModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId", "getUsername" -> id;
                    case "getEmail" -> address[0];
                    case "setEmail" -> {
                        address[0] = (String) args[0];
                        yield null;
                    }
                    case "isEmailVerified" -> verified[0];
                    case "setEmailVerified" -> {
                        verified[0] = (Boolean) args[0];
                        yield null;
                    }
                    case "isEnabled" -> true;
                    case "getFirstAttribute" -> attributes.get((String) args[0]);
                    case "setSingleAttribute" -> {
                        attributes.put((String) args[0], (String) args[1]);
                        yield null;
                    }
                    case "getAttributes" -> {
                        Map<String, List<String>> all = new HashMap<>();
                        attributes.forEach((k, v) -> all.put(k, List.of(v)));
                        yield all;
                    }
                    case "addRequiredAction" -> {
                        actions.add(String.valueOf(args[0]));
                        yield null;
                    }
                    case "removeRequiredAction" -> {
                        actions.remove(String.valueOf(args[0]));
                        yield null;
                    }
                    case "getRequiredActionsStream" -> actions.stream();
                    case "toString" -> "MapUser[" + id + "]";
                    case "hashCode" -> id.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("MapUser has no " + method.getName());
                });
    }
}
