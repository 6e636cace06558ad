package io.github.otpverification.code;

import java.security.SecureRandom;

/** Draws codes uniformly from the policy's alphabet with a {@link SecureRandom}. */
public final class CodeGenerator {

    private final SecureRandom random;

    public CodeGenerator() {
        this(new SecureRandom());
    }

    CodeGenerator(SecureRandom random) {
        this.random = random;
    }

    public String generate(CodePolicy policy) {
        String characters = policy.alphabet().characters();
        StringBuilder code = new StringBuilder(policy.length());
        for (int i = 0; i < policy.length(); i++) {
            code.append(characters.charAt(random.nextInt(characters.length())));
        }
        return code.toString();
    }

    /** Random bytes for per-code salts, Base64url encoded. */
    public String salt() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
