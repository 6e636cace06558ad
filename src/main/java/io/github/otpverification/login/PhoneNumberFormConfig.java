package io.github.otpverification.login;

import io.github.otpverification.settings.ConfigValues;
import java.util.List;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The Phone Number step's execution config. How numbers are read (default region, countries,
 * unique numbers) is not here: it is the realm's, the same as for VERIFY_PHONE_NUMBER
 * ({@code phone/RealmPhoneRules}).
 */
public record PhoneNumberFormConfig(boolean createUnknownUsers) {

    public static final String CREATE_UNKNOWN_USERS = "createUnknownUsers";

    public static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(CREATE_UNKNOWN_USERS).label("Sign up unknown numbers")
                .helpText("A valid number that belongs to no account gets a real code, and once it is confirmed a new user "
                        + "with that number verified exists (one form for sign-up and sign-in). Needs 'User registration' "
                        + "on in the realm (Realm settings > Login); otherwise unknown numbers get no SMS. Phone sign-in "
                        + "needs unique numbers: turn on 'Unique numbers' of the Verify Phone Number (SMS code) required "
                        + "action, or a number several users verified signs in none of them.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false).add()
                .build();
    }

    /** A missing config means the defaults. */
    public static PhoneNumberFormConfig from(AuthenticatorConfigModel model) {
        ConfigValues config = new ConfigValues(model == null ? null : model.getConfig());
        return new PhoneNumberFormConfig(config.bool(CREATE_UNKNOWN_USERS, false));
    }
}
