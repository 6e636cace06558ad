<#-- The phone number field of otp-phone-form.ftl (VERIFY_PHONE_NUMBER) and otp-phone-sign-in.ftl (phone-number-form):
     posts phoneNumber; the hint and an error are tied to it with aria-describedby. -->
<#macro field value>
    <div class="${properties.kcFormGroupClass!}">
        <div class="${properties.kcFormGroupLabelClass!}">
            <label for="phoneNumber" class="${properties.kcLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("phoneNumberLabel")}</span></label>
        </div>
        <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('phoneNumber')>${properties.kcError!}</#if>">
            <input id="phoneNumber" name="phoneNumber" type="tel" value="${value}" required
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
</#macro>
