<#ftl output_format="plainText">
${msg("otpEmailIntro." + purpose, realmDisplayName)}

${code}

${msg("otpEmailExpiry", ttlMinutes)}

${msg("otpEmailIgnore." + purpose)}
