package startupcoach.slack;

import java.util.Objects;

/** Where a reply goes: into a channel (optionally a thread), or to a {@code response_url}. */
sealed interface Destination {

    /**
     * A channel or DM, posted with {@code chat.postMessage}.
     *
     * @param channel  channel or DM id
     * @param threadTs  the thread to answer in, or null for the top level
     * @param assistant the thread is one of the assistant panel's: its status says the bot is working
     *                  (instead of a placeholder message), and its first question names it
     * @param teamId    the asker's team (workspace), which a streamed answer names, or null when unknown
     */
    record InChannel(String channel, String threadTs, boolean assistant, String teamId) implements Destination {
        public InChannel {
            Objects.requireNonNull(channel, "channel == null");
            if (assistant && threadTs == null) {
                throw new IllegalArgumentException("an assistant thread needs its thread_ts");
            }
        }

        public InChannel(String channel, String threadTs) {
            this(channel, threadTs, false, null);
        }

        public InChannel(String channel, String threadTs, boolean assistant) {
            this(channel, threadTs, assistant, null);
        }
    }

    /**
     * A slash command's or button's {@code response_url}: works in channels the bot is not a
     * member of, and for ephemeral messages.
     *
     * @param url       the response URL Slack gave
     * @param ephemeral only the user sees the reply
     */
    record ResponseUrl(String url, boolean ephemeral) implements Destination {
        public ResponseUrl {
            Objects.requireNonNull(url, "url == null");
        }
    }
}
