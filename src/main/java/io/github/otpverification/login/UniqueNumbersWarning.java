package io.github.otpverification.login;

import io.github.otpverification.phone.RealmPhoneRules;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * Phone sign-in needs unique numbers: warns once per realm (per server start) when the phone
 * form is used in a realm whose VERIFY_PHONE_NUMBER action does not enforce them.
 */
final class UniqueNumbersWarning {

    private static final Logger LOG = Logger.getLogger(UniqueNumbersWarning.class);

    private final Set<String> warnedRealms = ConcurrentHashMap.newKeySet();

    void check(RealmModel realm, RealmPhoneRules rules) {
        if (!rules.uniqueNumbers() && warnedRealms.add(realm.getId())) {
            LOG.warnf("Realm %s signs people in by phone number, but its Verify Phone Number action does not enforce unique "
                    + "numbers (option uniqueNumbers): a number several users verified signs in none of them. "
                    + "See docs/phone-sign-in.md.", realm.getName());
        }
    }
}
