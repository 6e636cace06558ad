<#ftl output_format="plainText">
<#-- One SMS segment: keep the text short. The last line is the WebOTP format browsers autofill from. -->
${msg("otpSmsText." + purpose, code, realmName, ttlMinutes)}
<#if link??>
${link}
</#if>

@${host} #${code}
