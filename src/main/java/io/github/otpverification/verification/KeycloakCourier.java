package io.github.otpverification.verification;

import io.github.otpverification.channel.OutgoingMessage;
import io.github.otpverification.code.DeliveryException;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The {@link Courier} of a Keycloak request. Later sends run on Keycloak's managed executor
 * {@value #EXECUTOR}, each in a session and transaction of its own, and only after the request's
 * transaction committed (so the code they carry is stored before anyone can type it). A decoy's
 * rehearsal there costs the node what a real send costs ({@link DeliveryCost}).
 */
final class KeycloakCourier implements Courier {

    static final String EXECUTOR = "otp-verification-delivery";

    private static final Logger LOG = Logger.getLogger(KeycloakCourier.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final DeliveryCost cost = DeliveryCost.NODE;

    KeycloakCourier(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @Override
    public void sendNow(OutgoingMessage message) throws DeliveryException {
        message.send(session, realm);
    }

    @Override
    public void sendAfterRequest(OutgoingMessage message, LateFailure onFailure) {
        afterRequest((s, realm) -> {
            long started = cost.start();
            try {
                message.send(s, realm);
            } catch (DeliveryException e) {
                onFailure.record(s, realm, e);
            } finally {
                cost.sent(kind(realm, message), started);
            }
        });
    }

    /** Rehearses the decoy's message and keeps its thread busy for as long as a real send of its kind costs. */
    @Override
    public void rehearseAfterRequest(OutgoingMessage message) {
        afterRequest((s, realm) -> {
            long started = cost.start();
            message.rehearse(s, realm);
            cost.rehearsed(kind(realm, message), started);
        });
    }

    /** Real sends and rehearsals are matched per realm (its mail server or gateway) and kind of message. */
    private static String kind(RealmModel realm, OutgoingMessage message) {
        return realm.getId() + '/' + message.getClass().getName();
    }

    /** Runs {@code work} on the executor once the request's transaction has committed, in a session of its own. */
    private void afterRequest(BiConsumer<KeycloakSession, RealmModel> work) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        ExecutorService executor = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
        String realmId = realm.getId();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                executor.execute(() -> run(factory, realmId, work));
            }

            @Override
            protected void rollbackImpl() {
                // the request failed: its code was not stored, so nothing is sent
            }
        });
    }

    private static void run(KeycloakSessionFactory factory, String realmId, BiConsumer<KeycloakSession, RealmModel> work) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, s -> {
                RealmModel realm = s.realms().getRealm(realmId);
                if (realm == null) {
                    return; // removed meanwhile
                }
                s.getContext().setRealm(realm);
                work.accept(s, realm);
            });
        } catch (RuntimeException e) {
            LOG.warnf("A code's message could not be sent after its request: %s", e.getClass().getSimpleName());
        }
    }
}
