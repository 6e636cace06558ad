<#ftl output_format="plainText">
${msg("otpEmailIntro." + purpose, realmDisplayName)}

${code}
<#if link??>

${msg("otpEmailLink")}
${link}
</#if>

${msg("otpEmailExpiry", ttlMinutes)}

${msg("otpEmailIgnore." + purpose)}
