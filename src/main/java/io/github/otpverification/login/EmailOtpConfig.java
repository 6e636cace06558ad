package io.github.otpverification.login;

import io.github.otpverification.code.CodePolicy;
import io.github.otpverification.settings.CodePolicyOptions;
import io.github.otpverification.settings.ConfigValues;
import java.util.List;
import java.util.Locale;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The Email OTP step's execution config, read once per request; no config means safe defaults. */
public record EmailOtpConfig(CodePolicy policy, boolean codeInSubject, MissingEmail missingEmail, boolean markEmailVerified,
                             int trustDeviceDays) implements StepConfig {

    public static final String CODE_IN_SUBJECT = "codeInSubject";
    public static final String MISSING_EMAIL = "missingEmail";
    public static final String MARK_EMAIL_VERIFIED = "markEmailVerified";

    /** What the step does for a user who has no email address. */
    public enum MissingEmail {
        /** Stop the login with a clear message. */
        FAIL,
        /** Let the user through without this step. */
        SKIP;

        String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final EmailOtpConfig DEFAULTS = new EmailOtpConfig(CodePolicy.DEFAULTS, false, MissingEmail.FAIL, true, 0);

    public static List<ProviderConfigProperty> properties() {
        ProviderConfigurationBuilder builder = CodePolicyOptions.declare(ProviderConfigurationBuilder.create(), DEFAULTS.policy())
                .property().name(CODE_IN_SUBJECT).label("Code in subject")
                .helpText("Put the code in the email subject too, so it shows in notifications.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(DEFAULTS.codeInSubject()).add()
                .property().name(MISSING_EMAIL).label("User without email")
                .helpText("'fail': stop the login with a clear message. 'skip': let the user through without this step.")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(List.of(MissingEmail.FAIL.configValue(), MissingEmail.SKIP.configValue()))
                .defaultValue(DEFAULTS.missingEmail().configValue()).add()
                .property().name(MARK_EMAIL_VERIFIED).label("Mark email verified")
                .helpText("A confirmed code proves the user owns the address: set 'email verified' and drop a pending verify-email action.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(DEFAULTS.markEmailVerified()).add();
        return StepConfig.declareTrustDeviceDays(builder).build();
    }

    /** The step's config over the realm's defaults; no config at all means those defaults. */
    public static EmailOtpConfig from(AuthenticatorConfigModel model, CodePolicy realmDefaults) {
        ConfigValues config = new ConfigValues(model == null ? null : model.getConfig());
        String missing = config.string(MISSING_EMAIL, DEFAULTS.missingEmail().configValue());
        return new EmailOtpConfig(
                CodePolicyOptions.read(config, realmDefaults),
                config.bool(CODE_IN_SUBJECT, DEFAULTS.codeInSubject()),
                MissingEmail.SKIP.configValue().equalsIgnoreCase(missing) ? MissingEmail.SKIP : MissingEmail.FAIL,
                config.bool(MARK_EMAIL_VERIFIED, DEFAULTS.markEmailVerified()),
                StepConfig.readTrustDeviceDays(config));
    }
}
