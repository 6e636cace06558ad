<#-- "Wrong address?" of VERIFY_EMAIL_CODE: the corrected address gets a code before it is saved. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('email'); section>
    <#if section = "header">
        ${msg("emailFormTitle")}
    <#elseif section = "form">
        <p id="kc-email-intro">${msg("emailFormIntro")}</p>
        <form id="kc-email-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              onsubmit="this.querySelector('[type=submit]').disabled = true; return true;">
            <div class="${properties.kcFormGroupClass!}">
                <label for="email" class="${properties.kcLabelClass!}">${msg("email")}</label>
                <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('email')>${properties.kcError!}</#if>">
                    <input id="email" name="email" type="email" value="${email!''}" required autocomplete="email" maxlength="254" autofocus
                           <#if messagesPerField.existsError('email')>aria-invalid="true" aria-describedby="input-error-email"</#if> />
                </span>
                <#if messagesPerField.existsError('email')>
                    <span id="input-error-email" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                        ${kcSanitize(messagesPerField.get('email'))?no_esc}
                    </span>
                </#if>
            </div>
            <div id="kc-form-buttons" class="${properties.kcFormGroupClass!}">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                       id="kc-email-send" type="submit" value="${msg("emailSendCode")}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
