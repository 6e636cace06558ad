package io.github.otpverification.code;

/** A freshly issued code: the plain code goes to the person, only {@code pending} is stored. */
public record IssuedCode(String code, PendingCode pending) {

    @Override
    public String toString() {
        return "IssuedCode[pending=" + pending + "]";
    }
}
