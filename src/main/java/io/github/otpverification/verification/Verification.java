package io.github.otpverification.verification;

import io.github.otpverification.channel.Channel;
import io.github.otpverification.code.CodePolicy;
import io.github.otpverification.code.PendingCodeStore;
import java.util.function.Function;
import java.util.function.Supplier;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * One verification as an entry point asks for it: which code, for whom, kept where, delivered how.
 * The {@link VerificationService} decides everything else.
 *
 * @param user        the person, or null for a guest address
 * @param subject     who the code belongs to in the store and the hash ({@code user:<id>}, {@code email:<address>})
 * @param destination where the code goes (or went)
 * @param proves      whether a right code proves the destination: it becomes the user's verified contact
 * @param staged      whether the destination is a new one that a right code saves
 * @param authSession the login's session on the login pages, else null
 * @param guest       the stand-in user a guest's mail is rendered for, else null
 * @param link        turns a code into the app's link, or null
 * @param returnCode  hand the code to the caller instead of delivering it
 * @param anyLine     the flow's config accepts numbers that may not be mobile
 * @param events      a fresh event of the caller (flow, client, user) for each record
 * @param blind       the answer must not tell whether an account exists: lockout, a refused
 *                    destination and delivery failures look like a send, and the message goes out
 *                    after the request (docs/security.md, "No account enumeration")
 * @param decoy       nobody gets a code and none can verify, but the pages behave as if one was sent
 * @param shownAs     what the page shows as the destination, when not the masked destination
 * @param typed       on a blind page, what the person typed (a username, an address, a number): the
 *                    caps the page shows count it, whoever it names; else null
 */
public record Verification(Channel channel, String purpose, UserModel user, String subject, String destination,
                           PendingCodeStore store, CodePolicy policy, Origin origin, boolean proves, boolean staged,
                           AuthenticationSessionModel authSession, UserModel guest, boolean codeInSubject,
                           Function<String, String> link, boolean returnCode, boolean anyLine, Supplier<EventBuilder> events,
                           boolean blind, boolean decoy, String shownAs, String typed) {

    public static Builder forUser(Channel channel, UserModel user) {
        return new Builder(channel, user, "user:" + user.getId());
    }

    /** A code for an address that need not belong to anyone; {@code standIn} greets them in the mail. */
    public static Builder forGuest(Channel channel, String address, UserModel standIn) {
        Builder builder = new Builder(channel, null, channel.id() + ":" + address);
        builder.guest = standIn;
        return builder.destination(address);
    }

    /**
     * A code page for a destination that names no account we may send to (an unknown number, a
     * disabled or contact-less account): nothing is sent, every code is wrong until the code is
     * dead; {@code standIn} is who the (discarded) message is rendered for, so the work is alike.
     */
    public static Builder forNobody(Channel channel, String typed, UserModel standIn) {
        Builder builder = forGuest(channel, typed, standIn);
        builder.decoy = true;
        return builder.blind(typed, null);
    }

    /** The same verification, turned into a decoy (a blind one whose account may not get a code). */
    Verification asDecoy() {
        return new Verification(channel, purpose, user, subject, destination, store, policy, origin, false, false, authSession,
                guest, codeInSubject, link, false, anyLine, events, true, true, shownAs, typed);
    }

    /** What the page shows as where the code went. */
    public String shown() {
        return shownAs != null ? shownAs : channel.mask(destination);
    }

    /** The user the message is rendered for. */
    UserModel recipient() {
        return user != null ? user : guest;
    }

    /** Step by step, so entry points name what they set. */
    public static final class Builder {
        private final Channel channel;
        private final UserModel user;
        private final String subject;
        private String purpose = Purposes.VERIFY;
        private String destination;
        private PendingCodeStore store;
        private CodePolicy policy;
        private Origin origin;
        private boolean proves;
        private boolean staged;
        private AuthenticationSessionModel authSession;
        private UserModel guest;
        private boolean codeInSubject;
        private Function<String, String> link;
        private boolean returnCode;
        private boolean anyLine;
        private Supplier<EventBuilder> events;
        private boolean blind;
        private boolean decoy;
        private String shownAs;
        private String typed;

        private Builder(Channel channel, UserModel user, String subject) {
            this.channel = channel;
            this.user = user;
            this.subject = subject;
        }

        public Builder purpose(String purpose) {
            this.purpose = purpose;
            return this;
        }

        public String purpose() {
            return purpose;
        }

        public Builder destination(String destination) {
            this.destination = destination;
            return this;
        }

        public Builder store(PendingCodeStore store) {
            this.store = store;
            return this;
        }

        public Builder policy(CodePolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder from(Origin origin, Supplier<EventBuilder> events) {
            this.origin = origin;
            this.events = events;
            return this;
        }

        /** A right code proves the destination; {@code isNew}: it is not yet the user's and is saved then. */
        public Builder proving(boolean proves, boolean isNew) {
            this.proves = proves || isNew;
            this.staged = isNew;
            return this;
        }

        public Builder onLoginPages(AuthenticationSessionModel authSession, boolean codeInSubject) {
            this.authSession = authSession;
            this.codeInSubject = codeInSubject;
            return this;
        }

        public Builder link(Function<String, String> link) {
            this.link = link;
            return this;
        }

        public Builder returnCode(boolean returnCode) {
            this.returnCode = returnCode;
            return this;
        }

        /** The flow's config also accepts fixed-line numbers (VERIFY_PHONE_NUMBER's "Accept non-mobile numbers"). */
        public Builder acceptingAnyLine(boolean anyLine) {
            this.anyLine = anyLine;
            return this;
        }

        /**
         * The answer must not tell whether an account exists: {@code typed} is what the person
         * typed; the page shows {@code shownAs} (null: the masked destination).
         */
        public Builder blind(String typed, String shownAs) {
            this.blind = true;
            this.typed = typed;
            this.shownAs = shownAs;
            return this;
        }

        public Verification build() {
            if (destination == null || store == null || policy == null || origin == null || events == null) {
                throw new IllegalStateException("destination, store, policy and origin are required");
            }
            return new Verification(channel, purpose, user, subject, destination, store, policy, origin, proves, staged,
                    authSession, guest, codeInSubject, link, returnCode, anyLine, events, blind, decoy, shownAs, typed);
        }
    }
}
