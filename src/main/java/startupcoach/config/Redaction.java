package startupcoach.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Masks secrets in configuration values before they are shown ({@code config show}) or logged: a
 * variable whose name says it holds a secret is shown only as set or unset, a URL loses its
 * user-info and its secret-looking query parameters.
 */
public final class Redaction {

    /** What a secret value is shown as. */
    public static final String MASK = "***";
    private static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|TOKEN|PASSWORD|PASSWD|API_KEY|APIKEY|CREDENTIAL|PRIVATE).*");
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)([?&](?:access_token|token|secret|sign|signature|password|key|api_key|sessionKey)=)[^&#\\s]*");

    private Redaction() {
    }

    /** Whether a variable of this name holds a secret (its value is never shown). */
    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name.toUpperCase(Locale.ROOT)).matches();
    }

    /** The value as it may be shown for the variable {@code name}. */
    public static String value(String name, String value) {
        if (value == null) {
            return "(unset)";
        }
        if (isSecretName(name)) {
            return value.isBlank() ? "(blank)" : MASK;
        }
        return url(value);
    }

    /** {@code text} with URL user-info and secret query parameters masked. */
    public static String url(String text) {
        String masked = USER_INFO.matcher(text).replaceAll(MASK + "@");
        return SECRET_PARAM.matcher(masked).replaceAll("$1" + MASK);
    }
}
