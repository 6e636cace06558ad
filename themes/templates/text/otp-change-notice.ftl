<#ftl output_format="plainText">
${msg("otpChangeNoticeText." + channel, realmDisplayName, newDestination)}

${msg("otpChangeNoticeWarning", realmDisplayName)}
