package io.github.otpverification.rest;

import io.github.otpverification.channel.Channel;
import io.github.otpverification.channel.Channels;
import io.github.otpverification.verification.Purposes;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The fields of send-code and verify-code bodies, checked one by one (docs/rest-api.md). */
final class CodeRequest {

    static final Set<String> SEND_FIELDS = Set.of("channel", "purpose", "locale", "urlTemplate", "returnCode");
    static final Set<String> VERIFY_FIELDS = Set.of("channel", "code", "purpose");
    static final int MAX_CODE_INPUT = 64;

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");

    /** POST send-code. */
    record Send(Channel channel, String purpose, String locale, String urlTemplate, boolean returnCode) {

        static Send read(String contentType, InputStream body) {
            JsonBody json = JsonBody.read(contentType, body, SEND_FIELDS);
            return new Send(CodeRequest.channel(json), CodeRequest.purpose(json), CodeRequest.locale(json, "locale"),
                    json.string("urlTemplate", 2048), json.bool("returnCode"));
        }
    }

    /** POST verify-code. */
    record Verify(Channel channel, String code, String purpose) {

        static Verify read(String contentType, InputStream body) {
            JsonBody json = JsonBody.read(contentType, body, VERIFY_FIELDS);
            return new Verify(CodeRequest.channel(json), CodeRequest.code(json), CodeRequest.purpose(json));
        }
    }

    private CodeRequest() {
    }

    static Channel channel(JsonBody json) {
        String value = json.requiredString("channel", 32);
        for (Channel channel : Channels.ALL) {
            if (channel.id().equals(value)) {
                return channel;
            }
        }
        throw ApiError.INVALID_CHANNEL.because("'channel' must be \"email\" or \"sms\".");
    }

    static String purpose(JsonBody json) {
        String value = json.string("purpose", 64);
        if (value == null) {
            return Purposes.VERIFY;
        }
        if (!Purposes.isKnown(value)) {
            throw ApiError.INVALID_PURPOSE.because("'purpose' must be one of " + String.join(", ", Purposes.ALL) + ".");
        }
        return value;
    }

    static String code(JsonBody json) {
        return json.requiredString("code", MAX_CODE_INPUT);
    }

    /** A BCP 47 tag, or null; Keycloak falls back to the user's and then the realm's locale. */
    static String locale(JsonBody json, String field) {
        String value = json.string(field, 35);
        if (value == null) {
            return null;
        }
        if (!LANGUAGE_TAG.matcher(value).matches()) {
            throw ApiError.INVALID_REQUEST.because("'" + field + "' must be a language tag such as \"de\" or \"pt-BR\".");
        }
        return Locale.forLanguageTag(value).toLanguageTag();
    }
}
