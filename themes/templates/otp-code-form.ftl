<#-- Code entry page shared by every channel (email, sms) and entry point (login step, required action). -->
<#-- displayMessage: only a message with text (Keycloak can forward one without, e.g. when two nodes answer one login at once; its layout would fail on it). -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code') && (message.summary)??; section>
    <#if section = "header">
        ${msg("otpFormTitle." + otp.channel)}
    <#elseif section = "form">
        <#-- Only a code that really is pending is announced: a refused first send claims nothing. -->
        <#if otp.codePending>
            <p id="kc-otp-destination" class="${properties.kcContentWrapperClass!}">${msg(otp.sentTo, otp.destination)}</p>
        </#if>
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
                <#-- Keycloak's own field-error markup, so the message is red like its other field errors. -->
                <div id="input-error-container-code">
                    <#if messagesPerField.existsError('code')>
                        <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                            <div class="${properties.kcInputHelperTextClass!}">
                                <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}" id="input-error-code">
                                    <span class="${properties.kcInputErrorMessageClass!}">${kcSanitize(messagesPerField.get('code'))?no_esc}</span>
                                </div>
                            </div>
                        </div>
                    </#if>
                </div>
            </div>
            <#-- Only where the step may trust this browser (option trustDeviceDays, a second factor); never ticked for the person. -->
            <#if trustDeviceDays??>
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcCheckboxClass!}">
                        <input class="${properties.kcCheckboxInputClass!}" type="checkbox" id="trustDevice" name="trustDevice" value="on"/>
                        <label for="trustDevice" class="${properties.kcCheckboxLabelClass!}">${msg("otpTrustDevice", trustDeviceDays?c)}</label>
                    </div>
                </div>
            </#if>
            <div id="kc-form-buttons" class="${properties.kcFormGroupClass!}">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                       name="login" id="kc-login" type="submit" value="${msg("doSubmit")}"/>
            </div>
        </form>
        <form id="kc-otp-resend-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <input type="hidden" name="resend" value="true"/>
            <div class="${properties.kcFormGroupClass!}">
            <p id="kc-otp-resend-hint" class="${properties.kcFormHelperTextClass!}" aria-live="polite" data-resend-in="${otp.resendIn?c}"
               data-ready="${msg("otpResendReady")}" data-counting="${msg("otpResendIn", "{0}")}">
                <#if otp.resendIn gt 0>${msg("otpResendIn", otp.resendIn?c)}</#if>
            </p>
            <button id="kc-otp-resend" type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("otpResend")}</button>
            </div>
        </form>
        <#-- Waits out the resend cooldown: the button is off until then and the text counts down each
             second. The polite live region is aria-busy while it counts, so screen readers speak once
             ("ready" at the end), never every second. Without JavaScript the button stays on and the
             server answers with the seconds left. -->
        <script>
            (function () {
                var hint = document.getElementById("kc-otp-resend-hint");
                var button = document.getElementById("kc-otp-resend");
                var left = parseInt(hint.getAttribute("data-resend-in"), 10);
                if (!(left > 0)) {
                    return;
                }
                var ends = Date.now() + left * 1000;
                button.disabled = true;
                hint.setAttribute("aria-busy", "true");
                var timer = setInterval(function () {
                    var seconds = Math.ceil((ends - Date.now()) / 1000);
                    if (seconds > 0) {
                        hint.textContent = hint.getAttribute("data-counting").replace("{0}", seconds);
                        return;
                    }
                    clearInterval(timer);
                    button.disabled = false;
                    hint.textContent = hint.getAttribute("data-ready");
                    hint.setAttribute("aria-busy", "false");
                }, 250);
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
