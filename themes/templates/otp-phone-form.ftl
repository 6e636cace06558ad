<#-- Phone number entry of VERIFY_PHONE_NUMBER. -->
<#import "template.ftl" as layout>
<#import "otp-phone-field.ftl" as phone>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('phoneNumber') && (message.summary)??; section>
    <#if section = "header">
        ${msg("phoneFormTitle")}
    <#elseif section = "form">
        <p id="kc-phone-intro">${msg("phoneFormIntro")}</p>
        <form id="kc-phone-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              onsubmit="this.querySelector('[type=submit]').disabled = true; return true;">
            <@phone.field value=(phoneNumber!'')/>
            <div id="kc-form-buttons" class="${properties.kcFormGroupClass!}">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                       id="kc-phone-send" type="submit" value="${msg("phoneSendCode")}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
