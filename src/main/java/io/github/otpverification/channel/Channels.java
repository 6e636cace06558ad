package io.github.otpverification.channel;

import java.util.List;

/** The channels this extension offers. */
public final class Channels {

    public static final EmailChannel EMAIL = new EmailChannel();
    public static final SmsChannel SMS = new SmsChannel();

    public static final List<Channel> ALL = List.of(EMAIL, SMS);

    private Channels() {
    }

    /** The channel with this id, or null. */
    public static Channel byId(String id) {
        return ALL.stream().filter(channel -> channel.id().equals(id)).findFirst().orElse(null);
    }
}
