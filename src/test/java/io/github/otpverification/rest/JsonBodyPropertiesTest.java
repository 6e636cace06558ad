package io.github.otpverification.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.otpverification.testsupport.JsonArbitraries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever bytes and Content-Type a client sends, reading the body gives either a JSON object
 * with only the allowed fields or an {@code invalid_request} (400, 413 over the cap, 415 for
 * another media type); and its typed getters give a value or an {@code invalid_request}.
 * Never another exception, so never a 500.
 */
class JsonBodyPropertiesTest {

    private static final List<String> FIELDS = List.of("channel", "code", "purpose", "locale", "returnCode", "email");

    @Property(tries = 1000)
    void anyBodyIsAnObjectOfAllowedFieldsOrAnInvalidRequest(@ForAll("bodies") byte[] body, @ForAll("allowedFields") Set<String> allowed) {
        try {
            JsonBody json = JsonBody.read("application/json", new ByteArrayInputStream(body), allowed);
            json.asNode().fieldNames().forEachRemaining(name -> assertTrue(allowed.contains(name), name));
            assertTrue(body.length <= JsonBody.MAX_BYTES);
        } catch (ApiException refused) {
            assertEquals(ApiError.INVALID_REQUEST, refused.error());
            assertEquals(body.length > JsonBody.MAX_BYTES ? 413 : 400, refused.status(), refused.getMessage());
        }
    }

    @Property(tries = 1000)
    void onlyJsonMediaTypesAreRead(@ForAll("contentTypes") String contentType) {
        byte[] body = "{\"code\": \"123456\"}".getBytes(StandardCharsets.UTF_8);
        try {
            JsonBody.read(contentType, new ByteArrayInputStream(body), Set.of("code"));
            String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            assertTrue(mediaType.equals("application/json") || mediaType.matches("application/.*\\+json"), contentType);
        } catch (ApiException refused) {
            assertEquals(ApiError.INVALID_REQUEST, refused.error());
            assertEquals(415, refused.status());
        }
    }

    @Property(tries = 500)
    void aBodyThatBreaksOffWhileReadingIsAnInvalidRequest(@ForAll("bodies") byte[] body, @ForAll @IntRange(max = 100) int breakAt) {
        ApiException refused = assertThrows(ApiException.class,
                () -> JsonBody.read("application/json", breakingAfter(body, breakAt), Set.copyOf(FIELDS)));

        assertEquals(ApiError.INVALID_REQUEST, refused.error());
        assertTrue(refused.status() == 400 || refused.status() == 413);
    }

    @Property(tries = 300)
    void typedGettersGiveAValueOrAnInvalidRequest(@ForAll("objects") ObjectNode object, @ForAll("fields") String field,
                                                  @ForAll @IntRange(min = 1, max = 300) int maxLength) {
        JsonBody json = JsonBody.read("application/json", new ByteArrayInputStream(JsonArbitraries.bytes(object)), Set.copyOf(FIELDS));

        expectValueOrInvalidRequest(() -> {
            String text = json.string(field, maxLength);
            assertTrue(text == null || text.length() <= maxLength);
        });
        expectValueOrInvalidRequest(() -> assertTrue(!json.requiredString(field, maxLength).isBlank()));
        expectValueOrInvalidRequest(() -> json.bool(field));
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return JsonArbitraries.bodies(FIELDS);
    }

    @Provide
    Arbitrary<ObjectNode> objects() {
        return JsonArbitraries.objects(FIELDS).map(object -> {
            object.retain(FIELDS);
            return object;
        }).filter(JsonArbitraries::isWellFormed);
    }

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.of(FIELDS);
    }

    @Provide
    Arbitrary<Set<String>> allowedFields() {
        return Arbitraries.of(FIELDS).set();
    }

    @Provide
    Arbitrary<String> contentTypes() {
        Arbitrary<String> known = Arbitraries.of("application/json", "APPLICATION/JSON", "application/json; charset=utf-8",
                "application/json;charset=ISO-8859-1", " application/json ", "application/merge-patch+json", "application/vnd.api+json",
                "text/plain", "text/json", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "", " ", ";", "application/", "+json", "application/+json", "application/json+", "application/jsonp", "*/*");
        return Arbitraries.frequencyOf(Tuple.of(3, known), Tuple.of(1, Arbitraries.strings().all().ofMaxLength(30)),
                Tuple.of(1, known.flatMap(type -> Arbitraries.strings().all().ofMaxLength(10).map(noise -> type + noise))));
    }

    private static void expectValueOrInvalidRequest(Runnable read) {
        try {
            read.run();
        } catch (ApiException refused) {
            assertEquals(ApiError.INVALID_REQUEST, refused.error());
            assertEquals(400, refused.status());
        }
    }

    /** The body's first bytes, then the connection breaks. */
    private static InputStream breakingAfter(byte[] body, int breakAt) {
        return new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position >= Math.min(breakAt, body.length)) {
                    throw new IOException("connection reset");
                }
                return body[position++] & 0xff;
            }
        };
    }
}
