package startupcoach.dingtalk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids derived from what DingTalk sent, never random: the same message, or the same click, always
 * gives the same card and the same dedupe key, on any replica and after a restart.
 */
final class CardIds {

    private CardIds() {
    }

    /** The outTrackId of the card that answers message {@code msgId}. */
    static String outTrackId(String msgId) {
        return "coach-" + digest(msgId);
    }

    /** The msgId given to a button click (card, user, button), so that a repeat is dropped as a duplicate. */
    static String clickMessageId(String outTrackId, String user, CardAction action) {
        return "card-" + digest(outTrackId + "\n" + user + "\n" + action.kind() + "\n" + action.value());
    }

    private static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
