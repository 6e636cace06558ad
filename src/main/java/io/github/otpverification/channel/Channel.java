package io.github.otpverification.channel;

import io.github.otpverification.code.DeliveryException;
import io.github.otpverification.code.SendLimit;
import io.github.otpverification.settings.RealmOtpSettings;
import java.util.List;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;

/**
 * Where a code travels (email, SMS): everything that differs between channels, in one class per
 * channel. The verification service holds the rules that are the same for all of them. A new
 * channel (say, a messaging app) is one more implementation plus its templates and messages; see
 * {@code docs/architecture.md}.
 */
public interface Channel {

    /** The name apps and events use ({@code email}, {@code sms}). */
    String id();

    /** The user's address or number on record, verified or not; null when there is none. */
    String contactOf(UserModel user);

    /** The user's contact when it is verified, else null. */
    String verifiedContactOf(UserModel user);

    /** The form in which two spellings of one destination are equal (caps and comparisons use it). */
    String canonical(String destination);

    /** Shows where a code went without giving the destination away. */
    String mask(String destination);

    /**
     * Renders the message that hands a code to its person (sending is the message's own step).
     * Failures are {@link DeliveryException}s with a reason fit for events.
     */
    OutgoingMessage prepare(Delivery delivery, String code) throws DeliveryException;

    /**
     * Caps of this channel beyond the per-user, per-destination and per-IP ones (SMS: the realm's
     * budget, and its part for numbers not yet verified).
     *
     * @param toVerifiedContact whether the code goes to the asking account's own verified contact
     */
    List<SendLimit> channelLimits(RealmOtpSettings settings, boolean toVerifiedContact);

    /**
     * Why this destination may not get a code under the realm's rules (a message key), or null
     * when it may. Checked on every send, whatever the entry point.
     *
     * @param anyLine the flow's config also accepts numbers that may not be mobile
     */
    default String refusal(String destination, RealmOtpSettings settings, boolean anyLine) {
        return null;
    }

    /** Whether sends from the login pages count against the per-client-IP cap (SMS costs money; email does not). */
    boolean ipCappedOnLoginPages();

    /** Event types of a send and of a check outside a login flow. */
    EventType sendEvent();

    EventType verifyEvent();

    /** Details this channel adds to each of its events. */
    default EventBuilder describe(EventBuilder event) {
        return event;
    }

    /** The event error of a failed delivery, the login-page message and the REST sentence for it. */
    String deliveryError();

    String deliveryFailedMessage();

    String deliveryFailedDescription();

    /** "email address", "phone number": for sentences of the REST API. */
    String noun();

    /**
     * A confirmed code proved {@code destination}: make it the user's verified contact, saving it
     * first when it is new. Answers false (and changes nothing) when a new destination can no
     * longer be saved, e.g. because another account took it meanwhile.
     */
    boolean confirm(Confirmation confirmation);
}
