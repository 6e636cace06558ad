package io.github.otpverification.sms.sns;

import io.github.otpverification.sms.SmsDeliveryException;
import io.github.otpverification.sms.SmsGateway;
import io.github.otpverification.sms.SmsMessage;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.SnsException;

/** Publishes straight to a phone number with the SMS type and optional sender id as message attributes. */
class SnsSmsGateway implements SmsGateway {

    private final SnsClient client;
    private final SnsSmsGatewayConfig config;

    SnsSmsGateway(SnsClient client, SnsSmsGatewayConfig config) {
        this.client = client;
        this.config = config;
    }

    @Override
    public void send(SmsMessage message) throws SmsDeliveryException {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        attributes.put("AWS.SNS.SMS.SMSType", stringValue(config.smsType()));
        if (config.senderId() != null) {
            attributes.put("AWS.SNS.SMS.SenderID", stringValue(config.senderId()));
        }
        try {
            client.publish(PublishRequest.builder().phoneNumber(message.to()).message(message.text())
                    .messageAttributes(attributes).build());
        } catch (SnsException e) {
            throw new SmsDeliveryException("aws-sns refused: " + e.awsErrorDetails().errorCode() + " "
                    + e.awsErrorDetails().errorMessage() + " (HTTP " + e.statusCode() + ")", e);
        } catch (SdkException e) {
            throw new SmsDeliveryException("aws-sns unreachable: " + e.getMessage(), e);
        }
    }

    private static MessageAttributeValue stringValue(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
