<#-- "Wrong address?" of VERIFY_EMAIL_CODE: the corrected address gets a code before it is saved.
     With signUp: the address of a new account signing up by phone where the email is the username. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('email') && (message.summary)??; section>
    <#if section = "header">
        <#if signUp??>${msg("signUpEmailTitle")}<#else>${msg("emailFormTitle")}</#if>
    <#elseif section = "form">
        <p id="kc-email-intro"><#if signUp??>${msg("signUpEmailIntro")}<#else>${msg("emailFormIntro")}</#if></p>
        <form id="kc-email-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              onsubmit="this.querySelector('[type=submit]').disabled = true; return true;">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="email" class="${properties.kcLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("email")}</span></label>
                </div>
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
        <#if backToCode??>
            <form id="kc-email-back-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <input type="hidden" name="backToCode" value="true"/>
                <button id="kc-email-back" type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("doBack")}</button>
            </form>
        </#if>
    </#if>
</@layout.registrationLayout>
