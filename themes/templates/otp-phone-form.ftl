<#-- Phone number entry of VERIFY_PHONE_NUMBER. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('phoneNumber'); section>
    <#if section = "header">
        ${msg("phoneFormTitle")}
    <#elseif section = "form">
        <p id="kc-phone-intro">${msg("phoneFormIntro")}</p>
        <form id="kc-phone-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              onsubmit="this.querySelector('[type=submit]').disabled = true; return true;">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="phoneNumber" class="${properties.kcLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("phoneNumberLabel")}</span></label>
                </div>
                <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('phoneNumber')>${properties.kcError!}</#if>">
                    <input id="phoneNumber" name="phoneNumber" type="tel" value="${phoneNumber!''}" required
                           autocomplete="tel" inputmode="tel" maxlength="32" autofocus
                           aria-describedby="phone-number-hint<#if messagesPerField.existsError('phoneNumber')> input-error-phone-number</#if>"
                           <#if messagesPerField.existsError('phoneNumber')>aria-invalid="true"</#if> />
                </span>
                <span id="phone-number-hint" class="${properties.kcInputHelperTextClass!}">${msg("phoneNumberHint")}</span>
                <#if messagesPerField.existsError('phoneNumber')>
                    <span id="input-error-phone-number" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                        ${kcSanitize(messagesPerField.get('phoneNumber'))?no_esc}
                    </span>
                </#if>
            </div>
            <div id="kc-form-buttons" class="${properties.kcFormGroupClass!}">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                       id="kc-phone-send" type="submit" value="${msg("phoneSendCode")}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
