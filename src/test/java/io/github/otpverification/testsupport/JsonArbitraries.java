package io.github.otpverification.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.keycloak.util.JsonSerialization;

/**
 * Random JSON for the property tests of the request and settings parsers: every JSON type,
 * nested a few levels, with field names drawn mostly from the ones a parser knows (so the
 * interesting paths are reached) and sometimes from anywhere.
 */
public final class JsonArbitraries {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonArbitraries() {
    }

    /** Text that tends to break parsers: empty, blank, control characters, other scripts, very long. */
    public static Arbitrary<String> awkwardText() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().ofMaxLength(12)),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(2, Arbitraries.of("", " ", "\t", "\u0000", "\n", "null", "true", "0", "-1", "1e400", "{}", "[]",
                        "email", "sms", "EMAIL", " sms ", "verify", "login", "de", "pt-BR", "en_US", "x-klingon", "DE", "de",
                        "https://app.example.com", "digits", "alphanumeric", "\uD83D\uDE00", "\uD800", "é", "١٢٣٤٥٦")),
                Tuple.of(1, Arbitraries.strings().ofMinLength(60).ofMaxLength(3000)));
    }

    public static Arbitrary<JsonNode> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.bigDecimals().ofScale(3).map(NODES::numberNode),
                Arbitraries.just(NODES.numberNode(new BigDecimal("1e400"))),
                awkwardText().map(NODES::textNode));
    }

    /** Any JSON value, nested up to three levels deep, objects using mostly the given field names. */
    public static Arbitrary<JsonNode> values(List<String> fieldNames) {
        return values(fieldNames, 3);
    }

    private static Arbitrary<JsonNode> values(List<String> fieldNames, int depth) {
        if (depth == 0) {
            return scalars();
        }
        Arbitrary<JsonNode> inner = values(fieldNames, depth - 1);
        return Arbitraries.frequencyOf(Tuple.of(3, scalars()), Tuple.of(1, arrays(inner)), Tuple.of(1, objects(fieldNames, inner)));
    }

    /** A JSON object, its fields mostly the given names, values of any type. */
    public static Arbitrary<ObjectNode> objects(List<String> fieldNames) {
        return objects(fieldNames, values(fieldNames, 2));
    }

    public static Arbitrary<ObjectNode> objects(List<String> fieldNames, Arbitrary<JsonNode> values) {
        // Jackson writes a field name as it is: one with a lone surrogate would not be UTF-8, so no client can send it
        Arbitrary<String> anyName = awkwardText().filter(JsonArbitraries::isWellFormedUtf16);
        Arbitrary<String> names = fieldNames.isEmpty() ? anyName
                : Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(fieldNames)), Tuple.of(1, anyName));
        // a list of fields, not a map: a map of unique names drawn mostly from a few takes long to generate
        return Combinators.combine(names, values).as(Tuple::of).list().ofMaxSize(8).map(fields -> {
            ObjectNode object = NODES.objectNode();
            fields.forEach(field -> object.set(field.get1(), field.get2()));
            return object;
        });
    }

    private static Arbitrary<JsonNode> arrays(Arbitrary<JsonNode> values) {
        return values.list().ofMaxSize(5).map(items -> {
            ArrayNode array = NODES.arrayNode();
            array.addAll(items);
            return array;
        });
    }

    /**
     * Bytes a client might send: JSON of any shape, the same cut short or with a byte changed,
     * JSON-ish token soup, arbitrary bytes, and bodies over the 16 KiB cap.
     */
    public static Arbitrary<byte[]> bodies(List<String> fieldNames) {
        Arbitrary<byte[]> json = values(fieldNames).map(JsonArbitraries::bytes);
        Arbitrary<byte[]> damaged = json.flatMap(bytes -> bytes.length == 0 ? Arbitraries.just(bytes)
                : Arbitraries.integers().between(0, bytes.length - 1).flatMap(at -> Arbitraries.oneOf(
                        Arbitraries.just(Arrays.copyOf(bytes, at)),
                        Arbitraries.bytes().map(b -> {
                            byte[] copy = bytes.clone();
                            copy[at] = b;
                            return copy;
                        }))));
        Arbitrary<byte[]> tokens = Arbitraries.of("{", "}", "[", "]", ":", ",", "\"", "\"channel\"", "\"email\"", "\"code\"",
                        "true", "null", "1", "-0", "1e999", "\\u0000", "\\", "/*", "//", "\n", " ", "NaN", "'", "\uFEFF")
                .list().ofMaxSize(30).map(parts -> String.join("", parts).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> oversized = Arbitraries.integers().between(16 * 1024 - 2, 16 * 1024 + 64)
                .map(size -> ("{\"code\":\"" + "1".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(Tuple.of(6, json), Tuple.of(3, damaged), Tuple.of(3, tokens), Tuple.of(2, noise),
                Tuple.of(1, oversized));
    }

    /** False for JSON whose text cannot be written as UTF-8 (a lone surrogate in a field name): no client can send it. */
    public static boolean isWellFormed(JsonNode node) {
        try {
            return node.equals(JsonSerialization.mapper.readTree(bytes(node)));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isWellFormedUtf16(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(text);
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return JsonSerialization.mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
