package startupcoach.slack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The Slack app manifest ({@code slack/manifest.yaml}): scopes, events, the {@code /coach}
 * command, interactivity and the Socket Mode flag, with the request URLs pointing at a given host.
 * Factory-only.
 */
public final class SlackManifest {

    static final String RESOURCE = "/slack/manifest.yaml";
    static final String HOST_PLACEHOLDER = "https://YOUR-HOST";

    private SlackManifest() {
    }

    /**
     * @param baseUrl    the bot's public base URL, e.g. {@code https://coach.example.com}; null keeps
     *                   the {@code https://YOUR-HOST} placeholder
     * @param socketMode sets {@code socket_mode_enabled: true} (the URLs are then unused)
     * @throws IllegalArgumentException when baseUrl is not an absolute http(s) URL
     */
    public static String render(String baseUrl, boolean socketMode) {
        String manifest = template();
        if (baseUrl != null) {
            manifest = manifest.replace(HOST_PLACEHOLDER, normalize(baseUrl));
        }
        if (socketMode) {
            manifest = manifest.replace("socket_mode_enabled: false", "socket_mode_enabled: true");
        }
        return manifest;
    }

    private static String template() {
        try (InputStream in = SlackManifest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String normalize(String baseUrl) {
        String url = baseUrl.strip();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                throw new IllegalArgumentException("--url must look like https://coach.example.com, got \u201C" + baseUrl + "\u201D");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url must look like https://coach.example.com, got \u201C" + baseUrl + "\u201D", e);
        }
        // Accept the full endpoint too: people paste what Slack shows them.
        if (url.endsWith(SlackPlatform.EVENTS_PATH)) {
            url = url.substring(0, url.length() - SlackPlatform.EVENTS_PATH.length());
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }
}
