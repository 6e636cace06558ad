<#-- The Phone Number login step (phone-number-form): sign in with a phone number. -->
<#import "template.ftl" as layout>
<#import "otp-phone-field.ftl" as phone>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('phoneNumber') && (message.summary)??; section>
    <#if section = "header">
        ${msg("phoneSignInTitle")}
    <#elseif section = "form">
        <p id="kc-phone-sign-in-intro">${msg("phoneSignInIntro")}</p>
        <form id="kc-phone-sign-in-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              onsubmit="this.querySelector('[type=submit]').disabled = true; return true;">
            <@phone.field value=(phoneNumber!'')/>
            <div id="kc-form-buttons" class="${properties.kcFormGroupClass!}">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                       id="kc-phone-sign-in" type="submit" value="${msg("phoneSignInSubmit")}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
