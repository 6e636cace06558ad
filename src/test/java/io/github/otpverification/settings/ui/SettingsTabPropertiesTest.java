package io.github.otpverification.settings.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.settings.SettingsArbitraries;
import io.github.otpverification.testsupport.AttributeRealm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Whatever the admin console's form holds, saving the OTP verification tab either stores valid
 * settings or is refused with a sentence ({@link ComponentValidationException}); a form filled
 * from valid settings stores exactly those settings.
 */
@StatisticsReport(onFailureOnly = true)
class SettingsTabPropertiesTest {

    private static final List<String> FIELDS = new SettingsTab().getConfigProperties().stream().map(ProviderConfigProperty::getName).toList();
    private static final String LIST_SEPARATOR = "##";

    private final SettingsTab tab = new SettingsTab();

    @Property(tries = 1000)
    void anyFormIsSavedOrRefusedWithASentence(@ForAll("forms") MultivaluedHashMap<String, String> form) {
        Statistics.label("outcome").coverage(coverage -> coverage.check("saved").percentage(p -> p >= 10));
        RealmModel realm = AttributeRealm.empty();
        try {
            tab.onCreate(null, realm, component(form));
        } catch (ComponentValidationException refused) {
            Statistics.label("outcome").collect("refused");
            assertNotNull(refused.getMessage());
            return;
        }
        Statistics.label("outcome").collect("saved");
        assertNotNull(RealmOtpSettings.of(realm).codePolicy());
    }

    @Property(tries = 500)
    void aFormFilledFromValidSettingsSavesThoseSettings(@ForAll("settings") RealmOtpSettings settings,
                                                        @ForAll boolean listsAsOneValue) {
        RealmModel realm = AttributeRealm.empty();

        tab.onCreate(null, realm, component(formOf(settings, listsAsOneValue)));

        assertEquals(settings, RealmOtpSettings.of(realm));
    }

    @Provide
    Arbitrary<RealmOtpSettings> settings() {
        return SettingsArbitraries.settings();
    }

    /** Forms from valid settings with a value or two changed to any text, and forms of any text. */
    @Provide
    Arbitrary<MultivaluedHashMap<String, String>> forms() {
        Arbitrary<String> text = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().ofMaxLength(12)),
                Tuple.of(2, Arbitraries.of("", " ", "0", "-1", "6", " 8 ", "4.0", "1e3", "99999999999", "\u0663", "digits", "ALPHANUMERIC",
                        "true", "false", "yes", "DE", "de", "XK", "DE##AT", "##", "https://app.example.com", "https://app.example.com/x")),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(20)));
        Arbitrary<List<String>> values = text.list().ofMaxSize(3);
        Arbitrary<MultivaluedHashMap<String, String>> changed = Combinators.combine(settings(), Arbitraries.of(true, false),
                        Combinators.combine(Arbitraries.of(FIELDS), values).as(Tuple::of).list().ofMaxSize(2))
                .as((settings, listsAsOneValue, changes) -> {
                    MultivaluedHashMap<String, String> form = formOf(settings, listsAsOneValue);
                    changes.forEach(change -> form.put(change.get1(), new ArrayList<>(change.get2())));
                    return form;
                });
        Arbitrary<MultivaluedHashMap<String, String>> anyForm = Combinators.combine(
                        Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(FIELDS)), Tuple.of(1, Arbitraries.strings().ofMaxLength(8))), values)
                .as(Tuple::of).list().ofMaxSize(8)
                .map(entries -> {
                    MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
                    entries.forEach(entry -> form.put(entry.get1(), new ArrayList<>(entry.get2())));
                    return form;
                });
        return Arbitraries.frequencyOf(Tuple.of(3, changed), Tuple.of(1, anyForm));
    }

    /** The form as the admin console shows and sends it: numbers as text, lists as values (or one value joined by ##). */
    private static MultivaluedHashMap<String, String> formOf(RealmOtpSettings settings, boolean listsAsOneValue) {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        Map.of("codeLength", settings.codeLength(), "ttlSeconds", settings.ttlSeconds(), "maxAttempts", settings.maxAttempts(),
                        "resendCooldownSeconds", settings.resendCooldownSeconds(), "maxSendsPerUserPerHour", settings.maxSendsPerUserPerHour(),
                        "maxSendsPerDestinationPerHour", settings.maxSendsPerDestinationPerHour(),
                        "maxSendsPerIpPerHour", settings.maxSendsPerIpPerHour(), "maxSmsPerRealmPerHour", settings.maxSmsPerRealmPerHour())
                .forEach((field, value) -> form.putSingle(field, value.toString()));
        form.putSingle("codeAlphabet", settings.codeAlphabet());
        form.putSingle("requireEmailBeforePhone", settings.requireEmailBeforePhone().toString());
        for (var list : Map.of("smsAllowedCountries", settings.smsAllowedCountries(), "urlTemplateOrigins", settings.urlTemplateOrigins())
                .entrySet()) {
            form.put(list.getKey(), listsAsOneValue ? new ArrayList<>(List.of(String.join(LIST_SEPARATOR, list.getValue())))
                    : new ArrayList<>(list.getValue()));
        }
        return form;
    }

    private static ComponentModel component(MultivaluedHashMap<String, String> form) {
        ComponentModel component = new ComponentModel();
        component.setProviderId(SettingsTab.ID);
        component.setConfig(form);
        return component;
    }
}
