package io.github.otpverification.settings;

import io.github.otpverification.code.CodePolicy;

/** What the config of every login step and required action gives: its code policy and mail option. */
public interface CodeConfig {

    CodePolicy policy();

    /** Put the code in the mail's subject too. */
    default boolean codeInSubject() {
        return false;
    }

    /** Also accept phone numbers that may not be mobile (the phone action's option). */
    default boolean acceptsAnyLine() {
        return false;
    }
}
