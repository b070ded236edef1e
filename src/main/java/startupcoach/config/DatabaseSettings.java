package startupcoach.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the store lives. By default an SQLite file {@code <dataDir>/coach.db} (zero
 * configuration, one process); {@code DATABASE_URL} points every replica at one PostgreSQL.
 *
 * <p>{@code DATABASE_URL} is a JDBC URL ({@code jdbc:postgresql://host:5432/coach}, credentials in
 * its query or in {@code DATABASE_USER}/{@code DATABASE_PASSWORD}); the {@code postgres://user:pass@host/db}
 * form that hosting platforms hand out is converted. {@link #toString()} never shows the password.
 *
 * @param jdbcUrl  {@code jdbc:sqlite:…} or {@code jdbc:postgresql:…}
 * @param user     PostgreSQL user, or null when the URL carries it (always null for SQLite)
 * @param password PostgreSQL password, or null
 */
public record DatabaseSettings(String jdbcUrl, String user, String password) {

    public static final String SQLITE_PREFIX = "jdbc:sqlite:";
    public static final String POSTGRES_PREFIX = "jdbc:postgresql:";
    public static final String DEFAULT_FILE = "coach.db";

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl == null");
        if (!jdbcUrl.startsWith(SQLITE_PREFIX) && !jdbcUrl.startsWith(POSTGRES_PREFIX)) {
            throw new IllegalArgumentException("DATABASE_URL must start with " + POSTGRES_PREFIX + "//… (or "
                    + SQLITE_PREFIX + "…); got one starting with \u201C" + jdbcUrl.substring(0, Math.min(12, jdbcUrl.length())) + "\u201D");
        }
        user = blankToNull(user);
        password = blankToNull(password);
    }

    /** The embedded default: an SQLite file. */
    public static DatabaseSettings sqlite(Path file) {
        return new DatabaseSettings(SQLITE_PREFIX + file.toAbsolutePath(), null, null);
    }

    /**
     * {@code DATABASE_URL}, {@code DATABASE_USER}, {@code DATABASE_PASSWORD}; without a URL, SQLite
     * under {@code dataDir}.
     *
     * @throws IllegalArgumentException when {@code DATABASE_URL} is neither a JDBC nor a postgres:// URL
     */
    public static DatabaseSettings fromEnvironment(Map<String, String> env, Path dataDir) {
        String url = blankToNull(env.get("DATABASE_URL"));
        if (url == null) {
            return sqlite(dataDir.resolve(DEFAULT_FILE));
        }
        url = url.strip();
        String user = env.get("DATABASE_USER");
        String password = env.get("DATABASE_PASSWORD");
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            return fromPostgresUri(url, user, password);
        }
        return new DatabaseSettings(url, user, password);
    }

    private static DatabaseSettings fromPostgresUri(String url, String user, String password) {
        try {
            URI uri = new URI(url);
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                String[] parts = userInfo.split(":", 2);
                user = user != null ? user : decode(parts[0]);
                password = password != null ? password : parts.length > 1 ? decode(parts[1]) : null;
            }
            String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new DatabaseSettings(POSTGRES_PREFIX + "//" + uri.getHost() + port + uri.getRawPath() + query, user, password);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL: " + e.getReason(), e);
        }
    }

    public boolean isSqlite() {
        return jdbcUrl.startsWith(SQLITE_PREFIX);
    }

    public boolean isPostgres() {
        return jdbcUrl.startsWith(POSTGRES_PREFIX);
    }

    /** The URL without its query (where a password may hide), for logs and error messages. */
    public String safeUrl() {
        int q = jdbcUrl.indexOf('?');
        return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q) + "?…";
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + safeUrl() + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
