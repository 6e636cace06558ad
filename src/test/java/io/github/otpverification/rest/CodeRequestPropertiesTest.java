package io.github.otpverification.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import io.github.otpverification.channel.Channel;
import io.github.otpverification.channel.Channels;
import io.github.otpverification.verification.Purposes;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.testsupport.AttributeRealm;
import io.github.otpverification.testsupport.JsonArbitraries;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.keycloak.models.RealmModel;

/**
 * Every body of {@code send-code}, {@code verify-code}, {@code PUT /me/phone-number} and
 * {@code PUT /me/email} is either a request with valid fields or an {@link ApiException} of the
 * 400 kinds the README lists for it (413/415 for size and media type): never another exception,
 * never a 5xx. Valid requests are read back as they were sent.
 */
@StatisticsReport(onFailureOnly = true)
class CodeRequestPropertiesTest {

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
    private static final List<String> CHANNELS = Channels.ALL.stream().map(Channel::id).toList();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Property(tries = 600)
    void anySendCodeBodyIsARequestOrADocumentedError(@ForAll("sendBodies") byte[] body) {
        expectRequestOrError(() -> CodeRequest.Send.read("application/json", new ByteArrayInputStream(body)), body,
                Set.of(ApiError.INVALID_REQUEST, ApiError.INVALID_CHANNEL, ApiError.INVALID_PURPOSE), send -> {
                    assertNotNull(send.channel());
                    assertTrue(Purposes.isKnown(send.purpose()), send.purpose());
                    assertTrue(send.locale() == null || LANGUAGE_TAG.matcher(send.locale()).matches(), send.locale());
                    assertTrue(send.urlTemplate() == null || send.urlTemplate().length() <= 2048);
                });
    }

    @Property(tries = 1000)
    void anyVerifyCodeBodyIsARequestOrADocumentedError(@ForAll("verifyBodies") byte[] body) {
        expectRequestOrError(() -> CodeRequest.Verify.read("application/json", new ByteArrayInputStream(body)), body,
                Set.of(ApiError.INVALID_REQUEST, ApiError.INVALID_CHANNEL, ApiError.INVALID_PURPOSE), verify -> {
                    assertNotNull(verify.channel());
                    assertTrue(Purposes.isKnown(verify.purpose()), verify.purpose());
                    assertFalse(verify.code().isBlank());
                    assertTrue(verify.code().length() <= CodeRequest.MAX_CODE_INPUT);
                });
    }

    @Property(tries = 500)
    void anyPhoneNumberChangeIsANumberOrADocumentedError(@ForAll("phoneBodies") byte[] body, @ForAll("realms") RealmModel realm) {
        expectRequestOrError(() -> ContactChange.Phone.read("application/json", new ByteArrayInputStream(body), RealmOtpSettings.of(realm)), body,
                Set.of(ApiError.INVALID_REQUEST, ApiError.INVALID_PHONE_NUMBER), phone -> {
                    assertTrue(phone.phoneNumber().matches("\\+[1-9][0-9]{6,14}"), phone.phoneNumber());
                    assertTrue(phone.locale() == null || LANGUAGE_TAG.matcher(phone.locale()).matches(), phone.locale());
                });
    }

    @Property(tries = 1000)
    void anyEmailChangeIsAnAddressOrADocumentedError(@ForAll("emailBodies") byte[] body) {
        expectRequestOrError(() -> ContactChange.Email.read("application/json", new ByteArrayInputStream(body)), body,
                Set.of(ApiError.INVALID_REQUEST, ApiError.INVALID_EMAIL), email -> {
                    assertEquals(email.email().trim().toLowerCase(Locale.ROOT), email.email());
                    assertTrue(email.email().contains("@"), email.email());
                });
    }

    @Property(tries = 1000)
    void validSendCodeRequestsAreReadAsSent(@ForAll("channels") String channel, @ForAll("purposes") String purpose,
                                            @ForAll("locales") String locale, @ForAll("urlTemplates") String urlTemplate,
                                            @ForAll("returnCodes") Boolean returnCode, @ForAll("absentAs") JsonNode absent) {
        ObjectNode body = NODES.objectNode().put("channel", channel);
        body.set("purpose", purpose == null ? absent : NODES.textNode(purpose));
        body.set("locale", locale == null ? absent : NODES.textNode(locale));
        body.set("urlTemplate", urlTemplate == null ? absent : NODES.textNode(urlTemplate));
        body.set("returnCode", returnCode == null ? absent : NODES.booleanNode(returnCode));
        removeMissing(body);

        CodeRequest.Send send = CodeRequest.Send.read("application/json", new ByteArrayInputStream(JsonArbitraries.bytes(body)));

        assertEquals(new CodeRequest.Send(channel(channel), purpose == null ? Purposes.VERIFY : purpose,
                locale == null ? null : Locale.forLanguageTag(locale).toLanguageTag(), urlTemplate, Boolean.TRUE.equals(returnCode)), send);
        if (send.locale() != null) {
            ObjectNode again = NODES.objectNode().put("channel", channel).put("locale", send.locale());
            assertEquals(send.locale(), CodeRequest.Send.read("application/json", new ByteArrayInputStream(JsonArbitraries.bytes(again)))
                    .locale(), "a locale the API accepted reads back as itself");
        }
    }

    @Property(tries = 1000)
    void validVerifyCodeRequestsAreReadAsSent(@ForAll("channels") String channel, @ForAll("purposes") String purpose,
                                              @ForAll("codes") String code) {
        ObjectNode body = NODES.objectNode().put("code", code).put("channel", channel);
        if (purpose != null) {
            body.put("purpose", purpose);
        }

        CodeRequest.Verify verify = CodeRequest.Verify.read("application/json; charset=UTF-8",
                new ByteArrayInputStream(JsonArbitraries.bytes(body)));

        assertEquals(new CodeRequest.Verify(channel(channel), code, purpose == null ? Purposes.VERIFY : purpose), verify);
    }

    @Provide
    Arbitrary<byte[]> sendBodies() {
        Arbitrary<ObjectNode> valid = Combinators.combine(channels(), purposes(), locales(), urlTemplates(), returnCodes())
                .as((channel, purpose, locale, urlTemplate, returnCode) -> {
                    ObjectNode body = NODES.objectNode().put("channel", channel);
                    putIfPresent(body, "purpose", purpose);
                    putIfPresent(body, "locale", locale);
                    putIfPresent(body, "urlTemplate", urlTemplate);
                    if (returnCode != null) {
                        body.put("returnCode", returnCode);
                    }
                    return body;
                });
        return bodies(CodeRequest.SEND_FIELDS, valid);
    }

    @Provide
    Arbitrary<byte[]> verifyBodies() {
        Arbitrary<ObjectNode> valid = Combinators.combine(channels(), codes(), purposes()).as((channel, code, purpose) -> {
            ObjectNode body = NODES.objectNode().put("channel", channel).put("code", code);
            putIfPresent(body, "purpose", purpose);
            return body;
        });
        return bodies(CodeRequest.VERIFY_FIELDS, valid);
    }

    @Provide
    Arbitrary<byte[]> phoneBodies() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        Arbitrary<String> numbers = Arbitraries.of(util.getSupportedRegions().stream().sorted()
                .map(region -> util.getExampleNumberForType(region, PhoneNumberType.MOBILE)).filter(Objects::nonNull)
                .map(number -> util.format(number, PhoneNumberFormat.INTERNATIONAL)).toList());
        Arbitrary<ObjectNode> valid = Combinators.combine(numbers, locales()).as((number, locale) -> {
            ObjectNode body = NODES.objectNode().put("phoneNumber", number);
            putIfPresent(body, "locale", locale);
            return body;
        });
        return bodies(Set.of("phoneNumber", "locale"), valid);
    }

    @Provide
    Arbitrary<byte[]> emailBodies() {
        Arbitrary<String> addresses = Arbitraries.of("alice@example.com", " Alice@Example.COM ", "a@b", "a@b.c", "@example.com",
                "alice@", "alice@@example.com", "\"a b\"@example.com", "alice@exämple.com", "alice@[127.0.0.1]", "a".repeat(300) + "@x.io");
        Arbitrary<ObjectNode> valid = Combinators.combine(addresses, locales()).as((email, locale) -> {
            ObjectNode body = NODES.objectNode().put("email", email);
            putIfPresent(body, "locale", locale);
            return body;
        });
        return bodies(Set.of("email", "locale"), valid);
    }

    /**
     * Bodies for an endpoint with these fields: valid ones, valid ones with a field changed to
     * any value, added or taken away, JSON objects of these fields with plausible or any values,
     * and any bytes.
     */
    private static Arbitrary<byte[]> bodies(Set<String> fields, Arbitrary<ObjectNode> valid) {
        List<String> names = fields.stream().sorted().toList();
        Arbitrary<JsonNode> plausible = Arbitraries.oneOf(
                Arbitraries.of(CHANNELS).map(NODES::textNode),
                Arbitraries.of(Purposes.ALL).map(NODES::textNode),
                Arbitraries.of("de", "pt-BR", "zh-Hans-CN", "x-klingon", "de_DE", "en-US-u-ca-buddhist", "i-default", "abcdefghi",
                        "123456", "+4915112345678", "0151 1234567", "https://app.example.com/v/{code}").map(NODES::textNode),
                JsonArbitraries.awkwardText().map(NODES::textNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        Arbitrary<JsonNode> anyValue = Arbitraries.oneOf(plausible, JsonArbitraries.values(names));
        Arbitrary<UnaryOperator<ObjectNode>> change = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(names), anyValue).as((name, value) -> body -> body.set(name, value)),
                Combinators.combine(JsonArbitraries.awkwardText(), anyValue).as((name, value) -> body -> body.set(name, value)),
                Arbitraries.of(names).map(name -> body -> {
                    body.remove(name);
                    return body;
                }));
        Arbitrary<byte[]> changed = Combinators.combine(valid, change.list().ofMaxSize(2)).as((body, changes) -> {
            ObjectNode copy = body.deepCopy();
            changes.forEach(c -> c.apply(copy));
            return JsonArbitraries.bytes(copy);
        });
        Arbitrary<byte[]> plausibleObjects = JsonArbitraries.objects(names, plausible).map(JsonArbitraries::bytes);
        return Arbitraries.frequencyOf(Tuple.of(4, changed), Tuple.of(1, plausibleObjects), Tuple.of(1, JsonArbitraries.bodies(names)));
    }

    private static void putIfPresent(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    @Provide
    Arbitrary<RealmModel> realms() {
        return Arbitraries.of("", "{\"smsAllowedCountries\": [\"DE\"]}", "{\"smsAllowedCountries\": [\"AT\", \"CH\", \"FR\"]}",
                        "not json", "null", "{\"smsAllowedCountries\": [null]}")
                .map(settings -> AttributeRealm.with(Map.of(RealmOtpSettings.REALM_ATTRIBUTE, settings)));
    }

    @Provide
    Arbitrary<String> channels() {
        return Arbitraries.of(CHANNELS);
    }

    @Provide
    Arbitrary<String> purposes() {
        return Arbitraries.of(Purposes.ALL).injectNull(0.2);
    }

    /** Language tags of every locale Java knows, as apps send them. */
    @Provide
    Arbitrary<String> locales() {
        return Arbitraries.of(Arrays.stream(Locale.getAvailableLocales()).map(Locale::toLanguageTag)
                        .filter(tag -> LANGUAGE_TAG.matcher(tag).matches()).distinct().sorted().toList())
                .injectNull(0.2);
    }

    @Provide
    Arbitrary<String> urlTemplates() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                        Arbitraries.integers().between(0, 2048).map(length -> "https://app.example.com/{code}".repeat(70).substring(0, length)))
                .injectNull(0.3);
    }

    @Provide
    Arbitrary<Boolean> returnCodes() {
        return Arbitraries.of(true, false).injectNull(0.3);
    }

    /** An optional field is absent or JSON null, which mean the same. */
    @Provide
    Arbitrary<JsonNode> absentAs() {
        return Arbitraries.of(NODES.missingNode(), NODES.nullNode());
    }

    @Provide
    Arbitrary<String> codes() {
        return Arbitraries.oneOf(Arbitraries.strings().numeric().ofMinLength(4).ofMaxLength(10),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(CodeRequest.MAX_CODE_INPUT))
                .filter(code -> !code.isBlank());
    }

    private static void removeMissing(ObjectNode body) {
        List<String> missing = body.properties().stream().filter(field -> field.getValue().isMissingNode()).map(Map.Entry::getKey).toList();
        body.remove(missing);
    }

    private static Channel channel(String id) {
        return Channels.byId(id);
    }

    private static <T> void expectRequestOrError(Supplier<T> read, byte[] body, Set<ApiError> documented,
                                                 java.util.function.Consumer<T> checkRequest) {
        // the generators must reach the valid requests too, not only the refusals
        Statistics.label("outcome").coverage(coverage -> coverage.check("request").percentage(p -> p >= 5));
        T request;
        try {
            request = read.get();
        } catch (ApiException refused) {
            Statistics.label("outcome").collect(refused.error().code());
            assertTrue(documented.contains(refused.error()), refused.error() + ": " + refused.getMessage());
            assertEquals(body.length > JsonBody.MAX_BYTES ? 413 : 400, refused.status(), refused.getMessage());
            return;
        }
        Statistics.label("outcome").collect("request");
        checkRequest.accept(request);
    }
}
