package io.github.otpverification.sms.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** The {@code headers} option: any text gives headers (junk pairs are skipped), and headers written as the option read back. */
class HttpSmsGatewayConfigPropertiesTest {

    @Property(tries = 1000)
    void anyOptionTextGivesHeadersWithNames(@ForAll("optionText") String option) {
        Map<String, String> headers = HttpSmsGatewayConfig.parseHeaders(option);

        headers.forEach((name, value) -> {
            assertFalse(name.isEmpty(), "a header without a name from " + option);
            assertEquals(name.trim(), name);
            assertFalse(name.contains(":") || name.contains(";"), name);
            assertEquals(value.trim(), value);
            assertFalse(value.contains(";"), value);
        });
    }

    @Property(tries = 1000)
    void headersWrittenAsTheOptionReadBack(@ForAll("headers") List<Tuple.Tuple2<String, String>> written) {
        Map<String, String> expected = new LinkedHashMap<>();
        written.forEach(header -> expected.put(header.get1(), header.get2()));
        StringBuilder option = new StringBuilder();
        expected.forEach((name, value) -> option.append(name).append(": ").append(value).append("; "));

        assertEquals(expected, HttpSmsGatewayConfig.parseHeaders(option.toString()));
    }

    @Provide
    Arbitrary<String> optionText() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.strings().withChars("ab:; \t=").ofMaxLength(30));
    }

    /** Header names are tokens; values have no ';' (the separator) and no surrounding spaces. */
    @Provide
    Arbitrary<List<Tuple.Tuple2<String, String>>> headers() {
        Arbitrary<String> name = Arbitraries.strings().alpha().numeric().withChars("-_").ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> value = Arbitraries.strings().ascii().excludeChars(';').ofMaxLength(30).map(String::trim);
        return Combinators.combine(name, value).as(Tuple::of).list().ofMaxSize(5);
    }
}
