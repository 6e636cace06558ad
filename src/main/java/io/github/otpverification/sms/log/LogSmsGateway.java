package io.github.otpverification.sms.log;

import io.github.otpverification.sms.SmsGateway;
import io.github.otpverification.sms.SmsMessage;
import io.github.otpverification.privacy.DestinationMask;
import org.jboss.logging.Logger;

/** Development only (see {@link LogSmsGatewayFactory}): the text, code included, goes to the log. */
class LogSmsGateway implements SmsGateway {

    private static final Logger LOG = Logger.getLogger(LogSmsGateway.class);

    @Override
    public void send(SmsMessage message) {
        LOG.infof("[sms-gateway log, start-dev only] SMS to %s (realm %s, purpose %s):%n%s",
                DestinationMask.phone(message.to()), message.realm(), message.purpose(), message.text());
    }
}
