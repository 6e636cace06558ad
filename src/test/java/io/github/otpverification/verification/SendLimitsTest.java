package io.github.otpverification.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.otpverification.channel.Channels;
import io.github.otpverification.code.SendLimit;
import io.github.otpverification.names.MessageKeys;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.settings.SettingField;
import io.github.otpverification.testsupport.MapUser;
import io.github.otpverification.testsupport.MemorySingleUseObjects;
import io.github.otpverification.code.SingleUseObjectCodeStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keycloak.models.UserModel;

/** Which caps a send passes, and the phone rules every send applies. */
class SendLimitsTest {

    private static final RealmOtpSettings SETTINGS = RealmOtpSettings.DEFAULTS;

    @Test
    void aUsersOwnVerifiedNumberIsNotCountedPerDestinationNorAgainstTheNewNumbersBudget() {
        UserModel victim = MapUser.create("victim", null, true);
        victim.setSingleAttribute("phoneNumber", "+4915112345678");
        victim.setSingleAttribute("phoneNumberVerified", "true");

        assertEquals(List.of("user", "ip", "realm-sms"), scopes(sms(victim, "+4915112345678", Origin.LOGIN_STEP)));
    }

    @Test
    void aNumberThatIsNotYetTheAccountsCountsPerDestinationAndAgainstTheNewNumbersBudget() {
        UserModel stranger = MapUser.create("stranger", null, true);

        assertEquals(List.of("user", "destination", "ip", "realm-sms", "realm-sms-new"),
                scopes(sms(stranger, "+4915112345678", Origin.REQUIRED_ACTION)));
    }

    @Test
    void appsAreNotCappedByTheirServersAddress() {
        UserModel user = MapUser.create("u", null, true);

        assertEquals(List.of("user", "destination", "realm-sms", "realm-sms-new"), scopes(sms(user, "+4915112345678", Origin.APP)));
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() {
        assertEquals(SendLimits.network("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), SendLimits.network("2001:db8:1:2::1"));
        assertEquals("2001:db8:1:2:0:0:0:0/64", SendLimits.network("2001:db8:1:2::1"));
        assertEquals("192.0.2.7", SendLimits.network("192.0.2.7"));
        assertEquals("unknown", SendLimits.network(null));
    }

    @Test
    void everySmsAppliesTheRealmsPhoneRules() {
        RealmOtpSettings germanyOnly = SETTINGS.with(SettingField.SMS_ALLOWED_COUNTRIES, List.of("DE"));

        assertNull(Channels.SMS.refusal("+4915112345678", germanyOnly, false));
        assertEquals(MessageKeys.PHONE_NUMBER_COUNTRY_NOT_ALLOWED, Channels.SMS.refusal("+33612345678", germanyOnly, false));
        assertEquals(MessageKeys.PHONE_NUMBER_PREMIUM_RATE, Channels.SMS.refusal("+499001234567", SETTINGS, false));
        assertEquals(MessageKeys.PHONE_NUMBER_NOT_MOBILE, Channels.SMS.refusal("+493012345678", SETTINGS, false));
        assertNull(Channels.SMS.refusal("+493012345678", SETTINGS, true), "where the flow accepts fixed lines");
        assertEquals(MessageKeys.PHONE_NUMBER_INVALID, Channels.SMS.refusal("0151 12345678", SETTINGS, false), "stored numbers are E.164");
    }

    @Test
    void aSignUpsEmailCodeOnTheLoginPagesIsCappedByAddressAndIpButAGuestsFromAnAppOnlyByAddress() {
        assertEquals(List.of("destination", "ip"), scopes(guestEmail(Origin.LOGIN_STEP)), "no account caps a sign-up, its IP does");
        assertEquals(List.of("destination"), scopes(guestEmail(Origin.GUEST)), "an app's server address caps nobody");
    }

    @Test
    void aBlindPageShowsTheSameCapsForAKnownAccountAsForNobodyAndHoldsTheAccountsOwnSilently() {
        UserModel known = MapUser.create("alice", "alice@example.com", false);
        Verification byName = blindEmail(known, "Alice");
        Verification byAddress = blindEmail(known, "alice@example.com");
        Verification nobody = Verification.forNobody(Channels.EMAIL, "Alice", MapUser.create("nobody", null, true))
                .purpose(Purposes.RESET_CREDENTIALS)
                .store(new SingleUseObjectCodeStore(new MemorySingleUseObjects(), "realm", "email:Alice", "email", "reset"))
                .policy(SETTINGS.codePolicy()).from(Origin.LOGIN_STEP, () -> null).build();

        assertEquals(shown(nobody), shown(byName),
                "what was typed counts, whoever it names");
        assertEquals(List.of(new SendLimit("typed", "alice", SETTINGS.maxSendsPerUserPerHour())),
                shown(byName));
        assertEquals(List.of(new SendLimit("typed", "alice@example.com", SETTINGS.maxSendsPerUserPerHour())),
                shown(byAddress), "a second name of the account counts apart");
        assertEquals(List.of("user", "destination"), scopes(silent(byName)), "the account's own caps and its unverified address's, not shown");
        assertEquals(List.of(), silent(nobody));
    }

    @Test
    void aBlindSmsPageShowsTheIpAndTheRealmsBudgetToEveryoneButNotTheBudgetForNewNumbers() {
        UserModel holder = MapUser.create("holder", null, true);
        holder.setSingleAttribute("phoneNumber", "+4915112345678");
        holder.setSingleAttribute("phoneNumberVerified", "true");
        Verification known = Verification.forUser(Channels.SMS, holder).destination("+4915112345678")
                .store(new SingleUseObjectCodeStore(new MemorySingleUseObjects(), "realm", "user:" + holder.getId(), "sms", "login"))
                .policy(SETTINGS.codePolicy()).from(Origin.LOGIN_STEP, () -> null).blind("+4915112345678", null).build();
        Verification signUp = Verification.forGuest(Channels.SMS, "+4915187654321", MapUser.create("new", null, true))
                .purpose(Purposes.REGISTRATION)
                .store(new SingleUseObjectCodeStore(new MemorySingleUseObjects(), "realm", "sms:+4915187654321", "sms", "registration"))
                .policy(SETTINGS.codePolicy()).from(Origin.LOGIN_STEP, () -> null).blind("+4915187654321", null).build();

        assertEquals(List.of("typed", "ip", "realm-sms"), scopes(shown(known)));
        assertEquals(List.of("typed", "ip", "realm-sms"), scopes(shown(signUp)));
        assertEquals(List.of("user"), scopes(silent(known)));
        assertEquals(List.of("destination", "realm-sms-new"), scopes(silent(signUp)), "a new number's caps would tell that nobody has it");
    }

    private static Verification blindEmail(UserModel user, String typed) {
        return Verification.forUser(Channels.EMAIL, user).purpose(Purposes.RESET_CREDENTIALS).destination(user.getEmail())
                .store(new SingleUseObjectCodeStore(new MemorySingleUseObjects(), "realm", "user:" + user.getId(), "email", "reset"))
                .policy(SETTINGS.codePolicy()).from(Origin.LOGIN_STEP, () -> null).blind(typed, typed).build();
    }

    private static Verification guestEmail(Origin origin) {
        return Verification.forGuest(Channels.EMAIL, "new@example.com", MapUser.create("sign-up", "new@example.com", false))
                .purpose(Purposes.REGISTRATION)
                .store(new SingleUseObjectCodeStore(new MemorySingleUseObjects(), "realm", "email:new@example.com", "email",
                        Purposes.REGISTRATION))
                .policy(SETTINGS.codePolicy()).from(origin, () -> null).build();
    }

    private static Verification sms(UserModel user, String number, Origin origin) {
        return Verification.forUser(Channels.SMS, user).destination(number)
                .store(new SingleUseObjectCodeStore(new MemorySingleUseObjects(), "realm", "user:" + user.getId(), "sms", "verify"))
                .policy(SETTINGS.codePolicy()).from(origin, () -> null).build();
    }

    private static List<String> scopes(Verification v) {
        return scopes(SendLimits.of(v, SETTINGS, "192.0.2.7"));
    }

    private static List<String> scopes(List<SendLimit> limits) {
        return limits.stream().map(SendLimit::scope).toList();
    }

    private static List<SendLimit> shown(Verification v) {
        return SendLimits.shownOnBlindPage(v, SETTINGS, "192.0.2.7");
    }

    private static List<SendLimit> silent(Verification v) {
        return SendLimits.silentOnBlindPage(v, shown(v), SETTINGS, "192.0.2.7");
    }
}
