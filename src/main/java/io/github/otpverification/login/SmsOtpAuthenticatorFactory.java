package io.github.otpverification.login;

import io.github.otpverification.names.ProviderIds;
import io.github.otpverification.code.CodeEngine;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

/** Registers the SMS OTP login step ({@code sms-otp-form}). */
public class SmsOtpAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = ProviderIds.SMS_OTP_FORM;

    private static final Requirement[] REQUIREMENTS = {Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};
    private static final List<ProviderConfigProperty> PROPERTIES = SmsOtpConfig.properties();

    private final CodeEngine engine = new CodeEngine();

    @Override
    public Authenticator create(KeycloakSession session) {
        return new SmsOtpAuthenticator(engine, session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "SMS OTP";
    }

    @Override
    public String getHelpText() {
        return "Texts a one-time code to the user's verified phone number and asks for it.";
    }

    /** {@code otp}, so that wrong codes count in Keycloak's brute-force detector. */
    @Override
    public String getReferenceCategory() {
        return OTPCredentialModel.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    /** Users without a verified number can add one (VERIFY_PHONE_NUMBER) during login. */
    @Override
    public boolean isUserSetupAllowed() {
        return true;
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
