package io.github.otpverification.login;

import io.github.otpverification.names.ProviderIds;
import io.github.otpverification.phone.PhoneNumberValidator;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** Registers the Phone Number login step ({@code phone-number-form}), a first step before {@code sms-otp-form}. */
public class PhoneNumberFormAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = ProviderIds.PHONE_NUMBER_FORM;

    private static final Requirement[] REQUIREMENTS = {Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};
    private static final List<ProviderConfigProperty> PROPERTIES = PhoneNumberFormConfig.properties();

    private final PhoneNumberValidator validator = new PhoneNumberValidator();
    private final UniqueNumbersWarning uniqueNumbersWarning = new UniqueNumbersWarning();

    @Override
    public Authenticator create(KeycloakSession session) {
        return new PhoneNumberFormAuthenticator(validator, uniqueNumbersWarning);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Phone Number";
    }

    @Override
    public String getHelpText() {
        return "Sign in with a phone number";
    }

    /** None: the step judges no secret (the code step after it does). */
    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
