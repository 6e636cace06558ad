package io.github.otpverification.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

/**
 * The origins a link template may point to: those of every realm client's redirect URIs and web
 * origins (relative ones resolved against the client's root URL), plus the realm setting
 * {@code urlTemplateOrigins}. A bare {@code *} allows nothing here: a code link must go to a
 * place the realm admin named.
 */
final class LinkOrigins {

    private LinkOrigins() {
    }

    static Set<String> of(RealmModel realm, List<String> configured) {
        Set<String> origins = new HashSet<>();
        configured.forEach(origin -> add(origins, origin, null));
        realm.getClientsStream().forEach(client -> Stream.concat(client.getRedirectUris().stream(), client.getWebOrigins().stream())
                .forEach(uri -> add(origins, uri, client)));
        return origins;
    }

    private static void add(Set<String> origins, String uri, ClientModel client) {
        if (uri == null || uri.isBlank() || uri.equals("*") || uri.equals("+") || uri.equals("-")) {
            return;
        }
        String absolute = uri.startsWith("/") && client != null && client.getRootUrl() != null ? client.getRootUrl() + uri : uri;
        try {
            // Keycloak allows a wildcard only at the end of a redirect URI's path: it never touches the origin.
            URI parsed = new URI(absolute.replace("*", ""));
            if (parsed.isAbsolute() && parsed.getHost() != null
                    && ("https".equalsIgnoreCase(parsed.getScheme()) || "http".equalsIgnoreCase(parsed.getScheme()))) {
                origins.add(UrlTemplate.originOf(parsed));
            }
        } catch (URISyntaxException e) {
            // not a URL an origin can be taken from: it allows nothing
        }
    }
}
