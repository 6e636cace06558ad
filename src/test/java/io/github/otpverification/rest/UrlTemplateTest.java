package io.github.otpverification.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlTemplateTest {

    @Test
    void valuesAreEncodedSoTheyCannotChangeTheLinksStructure() {
        UrlTemplate template = UrlTemplate.parse("https://app.example.com/v/{realm}?c={code}&u={userId}");

        String link = template.fill(Map.of("code", "AB12", "userId", "a&b=c/d e", "realm", "ré al", "purpose", "verify"));

        assertEquals("https://app.example.com/v/r%C3%A9%20al?c=AB12&u=a%26b%3Dc%2Fd%20e", link);
    }

    @Test
    void originIsSchemeHostAndNonDefaultPort() {
        assertEquals("https://app.example.com", UrlTemplate.parse("HTTPS://App.Example.com:443/x?c={code}").origin());
        assertEquals("http://localhost:3000", UrlTemplate.parse("http://localhost:3000/verify/{code}").origin());
    }

    @Test
    void placeholdersInTheOriginAreRefusedSoAValueCannotLeadTheLinkElsewhere() {
        // found by UrlTemplatePropertiesTest: checked as https://a.xa, filled as https://a.%00a or https://a.ba
        for (String bad : new String[] {"https://a.{code}a", "https://{realm}.example.com/v", "https://app.example.com{code}/v",
                "https://app.example.com:8{code}/v"}) {
            assertThrows(IllegalArgumentException.class, () -> UrlTemplate.parse(bad), bad);
        }
        assertEquals("https://app.example.com", UrlTemplate.parse("https://app.example.com/{code}").origin());
    }

    @Test
    void refusesWhatIsNotAnAbsoluteHttpLinkWithKnownPlaceholders() {
        for (String bad : new String[] {"/relative/{code}", "javascript:alert(1)//{code}", "ftp://files.example.com/{code}",
                "https://user:pw@app.example.com/{code}", "https://app.example.com/{secret}",
                "https://app.example.com/" + "x".repeat(180) + "{code}"}) {
            assertThrows(IllegalArgumentException.class, () -> UrlTemplate.parse(bad), bad);
        }
    }
}
