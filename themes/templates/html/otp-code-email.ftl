<#import "template.ftl" as layout>
<@layout.emailLayout>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;font-family:Arial,Helvetica,sans-serif;color:#151515;">
  <tr><td style="padding:0 0 16px 0;font-size:16px;line-height:24px;">${msg("otpEmailIntro." + purpose, realmDisplayName)}</td></tr>
  <tr><td style="padding:8px 0 16px 0;">
    <span style="display:inline-block;padding:12px 20px;border:1px solid #d2d2d2;border-radius:6px;background:#f5f5f5;font-family:'Courier New',Courier,monospace;font-size:32px;line-height:40px;font-weight:bold;letter-spacing:6px;">${code}</span>
  </td></tr>
<#if link??>
  <tr><td style="padding:0 0 16px 0;font-size:14px;line-height:20px;">${msg("otpEmailLink")}<br><a href="${link}" style="color:#0066cc;word-break:break-all;">${link}</a></td></tr>
</#if>
  <tr><td style="padding:0 0 16px 0;font-size:14px;line-height:20px;">${msg("otpEmailExpiry", ttlMinutes)}</td></tr>
  <tr><td style="padding:0;font-size:13px;line-height:20px;color:#6a6e73;">${msg("otpEmailIgnore." + purpose)}</td></tr>
</table>
</@layout.emailLayout>
