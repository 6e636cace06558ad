package io.github.otpverification.bench;

import io.github.otpverification.testsupport.MailCatcher;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The second page of a benchmark login, after the password: how to recognise it and what to post
 * on it. Email and SMS read the code the extension sent; TOTP computes it from the user's known secret.
 */
interface LoginStep {

    /** Text that only this step's page contains (its form's id). */
    String pageMarker();

    /** Forgets what an earlier, failed operation left for {@code person} (an unread mail or SMS). */
    default void forget(AdminApi.BenchUser person) {
    }

    /** The form fields that answer the page for {@code person}. */
    Map<String, String> answer(AdminApi.BenchUser person) throws Exception;

    /** The extension's {@code email-otp-form}: the code from the mail GreenMail received. */
    static LoginStep email(MailCatcher mail) {
        return new SentCode(AdminApi.BenchUser::email, mail::discard, mail::awaitCode);
    }

    /** The extension's {@code sms-otp-form}: the code from the SMS the fake gateway received for the person's number. */
    static LoginStep sms(SlowSmsGateway gateway, Function<AdminApi.BenchUser, String> number) {
        return new SentCode(number, gateway::discard, gateway::awaitCode);
    }

    /** Waits for the code sent to a destination (an address, a number). */
    interface Inbox {
        String awaitCode(String destination) throws InterruptedException;
    }

    /** The extension's code page ({@code otp-code-form.ftl}): the code it sent to the person's destination. */
    record SentCode(Function<AdminApi.BenchUser, String> destination, Consumer<String> discard, Inbox inbox)
            implements LoginStep {

        @Override
        public String pageMarker() {
            return "kc-otp-code-form";
        }

        @Override
        public void forget(AdminApi.BenchUser person) {
            discard.accept(destination.apply(person));
        }

        @Override
        public Map<String, String> answer(AdminApi.BenchUser person) throws InterruptedException {
            return Map.of("code", inbox.awaitCode(destination.apply(person)));
        }
    }

    /** Keycloak's built-in OTP form ({@code login-otp.ftl}): the person's current TOTP code. */
    static Totps totp() {
        return new Totps();
    }

    /**
     * TOTP codes for the people of {@code bench-totp}. Keycloak refuses a code used before (the
     * realm's {@code otpPolicyCodeReusable} is false), so a person signs in at most once per 30 s
     * step: should a virtual user come back to someone within the same step (too few users for the
     * pace), it waits for the next step, and {@link #waits()} counts that.
     */
    final class Totps implements LoginStep {

        private final Map<String, Long> lastStep = new ConcurrentHashMap<>();
        private final AtomicInteger waits = new AtomicInteger();

        @Override
        public String pageMarker() {
            return "kc-otp-login-form";
        }

        @Override
        public Map<String, String> answer(AdminApi.BenchUser person) throws InterruptedException {
            long step = Totp.step(System.currentTimeMillis());
            Long last = lastStep.get(person.username());
            if (last != null && last >= step) {
                waits.incrementAndGet();
                Thread.sleep((last + 1) * Totp.PERIOD_SECONDS * 1000 - System.currentTimeMillis() + 50);
                step = Totp.step(System.currentTimeMillis());
            }
            lastStep.put(person.username(), step);
            return Map.of("otp", Totp.code(Totp.secretOf(person.username()), step));
        }

        /** How often a login waited for a new step (0 when there are enough users). */
        int waits() {
            return waits.get();
        }
    }
}
