<#-- Code entry page shared by every channel (email, sms) and entry point (login step, required action). -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
    <#if section = "header">
        ${msg("otpFormTitle." + otp.channel)}
    <#elseif section = "form">
        <p id="kc-otp-destination" class="${properties.kcContentWrapperClass!}">${msg("otpFormSentTo." + otp.channel, otp.destination)}</p>
        <form id="kc-otp-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              onsubmit="this.querySelector('[type=submit]').disabled = true; return true;">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="code" class="${properties.kcLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("otpCodeLabel")}</span></label>
                </div>
                <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('code')>${properties.kcError!}</#if>">
                    <input id="code" name="code" type="text" value="" required
                           autocomplete="one-time-code" inputmode="${otp.inputMode}"
                           <#if otp.inputMode == "numeric">pattern="[0-9 ]*"</#if>
                           maxlength="${otp.codeLength + 4}" autofocus
                           <#if messagesPerField.existsError('code')>aria-invalid="true" aria-describedby="input-error-code"</#if> />
                </span>
                <#if messagesPerField.existsError('code')>
                    <span id="input-error-code" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                        ${kcSanitize(messagesPerField.get('code'))?no_esc}
                    </span>
                </#if>
            </div>
            <div id="kc-form-buttons" class="${properties.kcFormGroupClass!}">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                       name="login" id="kc-login" type="submit" value="${msg("doSubmit")}"/>
            </div>
        </form>
        <form id="kc-otp-resend-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <input type="hidden" name="resend" value="true"/>
            <div class="${properties.kcFormGroupClass!}">
            <p id="kc-otp-resend-hint" class="${properties.kcFormHelperTextClass!}" aria-live="polite" data-resend-in="${otp.resendIn?c}" data-ready="${msg("otpResendReady")}">
                <#if otp.resendIn gt 0>${msg("otpResendIn", otp.resendIn?c)}</#if>
            </p>
            <button id="kc-otp-resend" type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("otpResend")}</button>
            </div>
        </form>
        <#-- Waits out the resend cooldown: the button is off until then, and the polite live region
             speaks twice only (the wait on arrival, "ready" at the end), never every second. Without
             JavaScript the button stays on and the server answers with the seconds left. -->
        <script>
            (function () {
                var hint = document.getElementById("kc-otp-resend-hint");
                var button = document.getElementById("kc-otp-resend");
                var left = parseInt(hint.getAttribute("data-resend-in"), 10);
                if (!(left > 0)) {
                    return;
                }
                button.disabled = true;
                setTimeout(function () {
                    button.disabled = false;
                    hint.textContent = hint.getAttribute("data-ready");
                }, left * 1000);
            })();
        </script>
        <#if changeDestination??>
            <form id="kc-otp-change-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <input type="hidden" name="changeDestination" value="true"/>
                <button id="kc-otp-change" type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("otpChangeDestination." + otp.channel)}</button>
            </form>
        </#if>
    </#if>
</@layout.registrationLayout>
