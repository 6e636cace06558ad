<#import "template.ftl" as layout>
<@layout.emailLayout>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;font-family:Arial,Helvetica,sans-serif;color:#151515;">
  <tr><td style="padding:0 0 16px 0;font-size:16px;line-height:24px;">${msg("otpChangeNoticeText." + channel, realmDisplayName, newDestination)}</td></tr>
  <tr><td style="padding:0;font-size:14px;line-height:20px;">${msg("otpChangeNoticeWarning", realmDisplayName)}</td></tr>
</table>
</@layout.emailLayout>
