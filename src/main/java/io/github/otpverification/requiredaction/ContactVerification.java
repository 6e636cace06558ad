package io.github.otpverification.requiredaction;

import io.github.otpverification.channel.Channel;
import io.github.otpverification.code.AuthSessionCodeStore;
import io.github.otpverification.code.CodeEngine;
import io.github.otpverification.settings.CodeConfig;
import io.github.otpverification.forms.CodeForms;
import io.github.otpverification.verification.CheckOutcome;
import io.github.otpverification.verification.Origin;
import io.github.otpverification.verification.Purposes;
import io.github.otpverification.verification.SendOutcome;
import io.github.otpverification.verification.Verification;
import io.github.otpverification.verification.VerificationService;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.forms.login.LoginFormsProvider;

/**
 * What both required actions share: the person confirms an address or number with a code; they
 * may type another one ("Wrong address?", "Use another number"), which is kept in the login's
 * session as staged and saved only when its code is confirmed. The verification service decides
 * sending, resending and checking; this class dispatches the form posts and shows the outcomes.
 */
abstract class ContactVerification implements RequiredActionProvider {

    private final CodeEngine engine;
    private final Channel channel;
    private final String stagedNote;
    /** Set while the contact form is open, so a reload or a language switch stays on it. */
    private final String changingNote;

    ContactVerification(CodeEngine engine, Channel channel) {
        this.engine = engine;
        this.channel = channel;
        this.stagedNote = "otp-verification." + channel.id() + ".staged";
        this.changingNote = "otp-verification." + channel.id() + ".changing";
    }

    /** The name of the address / number field of the contact form. */
    abstract String contactField();

    abstract String contactTemplate();

    /** The action's config over the realm's settings. */
    abstract CodeConfig config(RequiredActionContext context, VerificationService service);

    /** Whether the person may type another address or number. */
    abstract boolean canChange(RequiredActionContext context);

    /**
     * Checks a typed address or number; answers the request with the form and its errors and
     * returns null when it is refused, else the destination in its canonical form.
     */
    abstract String accept(RequiredActionContext context, VerificationService service, String typed);

    /** The contact form, prefilled with what was typed or what is on record. */
    abstract LoginFormsProvider contactForm(RequiredActionContext context, String typed);

    /** The page after a send that left no code pending (a failed delivery, a refusal before any code). */
    abstract void noCodePending(RequiredActionContext context, Verification v, SendOutcome sent);

    VerificationService service(RequiredActionContext context) {
        return new VerificationService(context.getSession(), context.getRealm(), engine);
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    /** Shows the code page for the current destination (sending a code unless one is pending). */
    void showCodePage(RequiredActionContext context, VerificationService service, String destination) {
        Verification v = verification(context, service, destination);
        answer(context, service, v, service.open(v), false);
    }

    @Override
    public void processAction(RequiredActionContext context) {
        VerificationService service = service(context);
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String destination = destination(context);
        if (form.containsKey(CodeForms.CHANGE_PARAM) && canChange(context)) {
            changeRequested(context, service, destination);
        } else if (form.containsKey(contactField()) && canChange(context)) {
            String accepted = accept(context, service, form.getFirst(contactField()));
            if (accepted != null) {
                context.getAuthenticationSession().removeAuthNote(changingNote);
                stage(context, service, destination, accepted);
                showCodePage(context, service, accepted);
            }
        } else if (destination == null) {
            noDestination(context);
        } else if (form.containsKey(CodeForms.RESEND_PARAM)) {
            Verification v = verification(context, service, destination);
            answer(context, service, v, service.send(v), true);
        } else {
            verify(context, service, verification(context, service, destination), form.getFirst(CodeForms.CODE_FIELD));
        }
    }

    /**
     * "Wrong address?", "Use another number": the contact form. The pending code stays: the same
     * destination typed again gets no new code within the cooldown; another one replaces it.
     */
    void changeRequested(RequiredActionContext context, VerificationService service, String destination) {
        context.getAuthenticationSession().setAuthNote(changingNote, "true");
        context.challenge(contactForm(context, null).createForm(contactTemplate()));
    }

    /** Whether the contact form is open (a reload stays on it). */
    boolean changing(RequiredActionContext context) {
        return context.getAuthenticationSession().getAuthNote(changingNote) != null && canChange(context);
    }

    /** Back from the contact form to the code page. */
    void stopChanging(RequiredActionContext context) {
        context.getAuthenticationSession().removeAuthNote(changingNote);
    }

    /** No destination yet: the contact form where the person may type one. */
    void noDestination(RequiredActionContext context) {
        if (canChange(context)) {
            context.challenge(contactForm(context, null).createForm(contactTemplate()));
        } else {
            context.ignore();
        }
    }

    /** A new destination replaces the previous one (whose code dies) until its code is confirmed. */
    private void stage(RequiredActionContext context, VerificationService service, String previous, String accepted) {
        if (previous != null && !channel.canonical(previous).equals(channel.canonical(accepted))) {
            service.discard(verification(context, service, previous));
        }
        context.getAuthenticationSession().setAuthNote(stagedNote, accepted);
    }

    private void verify(RequiredActionContext context, VerificationService service, Verification v, String typed) {
        CheckOutcome check = service.verify(v, typed);
        switch (check.kind()) {
            case VERIFIED -> {
                context.getAuthenticationSession().removeAuthNote(stagedNote);
                context.success();
            }
            case CONFLICT -> conflict(context, v.destination());
            default -> context.challenge(CodeForms.afterCheck(codePage(context, service, v), check));
        }
    }

    /** The right code for an address another account took meanwhile: start over with the contact form. */
    abstract void conflict(RequiredActionContext context, String destination);

    private void answer(RequiredActionContext context, VerificationService service, Verification v, SendOutcome sent, boolean resend) {
        if (!sent.codePending() && !service.hasPendingCode(v)) {
            noCodePending(context, v, sent);
            return;
        }
        context.challenge(CodeForms.page(CodeForms.withSendMessage(codePage(context, service, v), sent, resend)));
    }

    LoginFormsProvider codePage(RequiredActionContext context, VerificationService service, Verification v) {
        LoginFormsProvider form = CodeForms.prepare(context.form(), service, v);
        return canChange(context) ? form.setAttribute(CodeForms.CHANGE_PARAM, true) : form;
    }

    Verification verification(RequiredActionContext context, VerificationService service, String destination) {
        CodeConfig config = config(context, service);
        boolean isNew = staged(context) != null;
        return Verification.forUser(channel, context.getUser()).purpose(Purposes.VERIFY).destination(destination)
                .store(new AuthSessionCodeStore(context.getAuthenticationSession(), context.getSession().singleUseObjects(),
                        channel.id(), Purposes.VERIFY))
                .policy(config.policy()).proving(true, isNew)
                .onLoginPages(context.getAuthenticationSession(), config.codeInSubject()).acceptingAnyLine(config.acceptsAnyLine())
                .from(Origin.REQUIRED_ACTION, () -> context.getEvent().clone())
                .build();
    }

    /** The staged destination, else the user's own; null when there is none. */
    String destination(RequiredActionContext context) {
        String staged = staged(context);
        return staged != null ? staged : channel.contactOf(context.getUser());
    }

    String staged(RequiredActionContext context) {
        return context.getAuthenticationSession().getAuthNote(stagedNote);
    }

    void unstage(RequiredActionContext context) {
        context.getAuthenticationSession().removeAuthNote(stagedNote);
    }

    @Override
    public void close() {
    }
}
