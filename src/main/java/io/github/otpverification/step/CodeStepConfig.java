package io.github.otpverification.step;

import io.github.otpverification.code.CodePolicy;

/** What every code login step's config provides. */
public interface CodeStepConfig {

    CodePolicy policy();
}
