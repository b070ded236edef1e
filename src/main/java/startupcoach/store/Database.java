package startupcoach.store;

import com.zaxxer.hikari.HikariConfig;
import dev.failsafe.CircuitBreaker;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import startupcoach.config.DatabaseSettings;

/**
 * A pooled connection to the store, migrated to the current schema when opened. SQLite (a file,
 * WAL journal so readers never wait for the writer, a busy timeout so writers queue instead of
 * failing, write transactions taken with {@code BEGIN IMMEDIATE}) or PostgreSQL (for replicas).
 * The same Flyway migrations ({@code db/migration}) run on both; replicas starting together are
 * serialised by Flyway's lock.
 *
 * <p>Thread-safe; owns the pool: {@link #close()} it once.
 */
public final class Database implements AutoCloseable {

    /** How long an SQLite writer waits for another before failing. */
    static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;
    /** While the database is unreachable, how often one caller tries to connect (the others fail fast). */
    static final Duration RECONNECT_INTERVAL = Duration.ofSeconds(2);
    /**
     * How long a caller waits for a PostgreSQL connection. Short, because the callers include
     * acknowledgements that Slack wants within 3 s; a healthy pool hands one out in microseconds.
     */
    static final Duration POSTGRES_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final java.util.concurrent.locks.ReentrantLock sqliteWrites = new java.util.concurrent.locks.ReentrantLock(true);
    private final Dialect dialect;
    private final CircuitBreaker<Object> breaker;
    private final AtomicBoolean down = new AtomicBoolean();

    private Database(HikariDataSource dataSource, Dialect dialect, String safeUrl) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.breaker = CircuitBreaker.builder()
                .withFailureThreshold(1)
                .withDelay(RECONNECT_INTERVAL)
                .onOpen(e -> {
                    // Once per outage: a failed reconnection attempt re-opens the breaker without news.
                    if (down.compareAndSet(false, true)) {
                        log.error("store.unavailable url={} action=\"events are deferred (Slack redelivers) and users asked to"
                                + " retry; check the database\" retryEveryMs={}", safeUrl, RECONNECT_INTERVAL.toMillis());
                    }
                })
                .onClose(e -> {
                    if (down.compareAndSet(true, false)) {
                        log.info("store.recovered url={}", safeUrl);
                    }
                })
                .build();
    }

    /**
     * Opens the pool and migrates the schema.
     *
     * @throws StoreException when the database cannot be reached, created or migrated
     */
    public static Database open(DatabaseSettings settings) {
        Objects.requireNonNull(settings, "settings == null");
        Dialect dialect = settings.isSqlite() ? Dialect.SQLITE : Dialect.POSTGRESQL;
        HikariConfig config = new HikariConfig();
        config.setPoolName("coach-store");
        config.setConnectionTimeout(15_000);
        if (dialect == Dialect.SQLITE) {
            config.setDataSource(sqlite(settings));
            // A few connections: WAL lets them read in parallel; writes queue on the busy timeout.
            config.setMaximumPoolSize(4);
        } else {
            config.setJdbcUrl(settings.jdbcUrl());
            config.setDriverClassName("org.postgresql.Driver");
            if (settings.user() != null) {
                config.setUsername(settings.user());
            }
            if (settings.password() != null) {
                config.setPassword(settings.password());
            }
            config.setMaximumPoolSize(5);
            config.setConnectionTimeout(POSTGRES_CONNECTION_TIMEOUT.toMillis());
            // A connection attempt or a statement on a cut network fails instead of hanging a thread.
            config.addDataSourceProperty("connectTimeout", "2");
            config.addDataSourceProperty("socketTimeout", "30");
        }
        config.setMinimumIdle(1);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the database " + settings.safeUrl() + ": " + rootMessage(e)
                    + sqliteNativesAdvice(dialect, e), e);
        }
        try {
            migrate(pool, dialect);
        } catch (FlywayException e) {
            pool.close();
            throw new StoreException("cannot migrate the database " + settings.safeUrl() + ": " + rootMessage(e), e);
        }
        log.info("store.opened dialect={} url={}", dialect, settings.safeUrl());
        return new Database(pool, dialect, settings.safeUrl());
    }

    private static DataSource sqlite(DatabaseSettings settings) {
        Path file = Path.of(settings.jdbcUrl().substring(DatabaseSettings.SQLITE_PREFIX.length()));
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the directory for " + file + ": check that the data directory is writable", e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        // A deferred transaction that reads first and writes later can fail at once with BUSY
        // (no waiting) when another connection wrote in between; IMMEDIATE takes the lock up front.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(settings.jdbcUrl());
        return ds;
    }

    private static void migrate(DataSource ds, Dialect dialect) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .placeholders(Map.of("id_column", dialect.idColumn()))
                .load()
                .migrate();
    }

    /**
     * sqlite-jdbc extracts its native library (built for baseline x86-64, no CPU extensions needed)
     * into the temp directory before loading it; a read-only or {@code noexec} temp directory is the
     * usual reason it cannot load, and the fix is the user's to make.
     */
    static String sqliteNativesAdvice(Dialect dialect, Throwable e) {
        if (dialect != Dialect.SQLITE || !rootMessage(e).contains("native library")) {
            return "";
        }
        return ". SQLite's native library is extracted to the temp directory (" + System.getProperty("java.io.tmpdir")
                + ", or -Dorg.sqlite.tmpdir) and loaded from there: make that directory writable and not mounted"
                + " noexec, or set DATABASE_URL to a PostgreSQL database";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public Dialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs a write. On SQLite, writes from this process take turns on a fair lock first: SQLite has
     * one writer at a time, and a connection that finds the file locked polls with growing sleeps
     * (tens of milliseconds), which put a long tail on the acknowledgement path (dedupe keys are
     * written there). PostgreSQL writes run as they come.
     */
    <T> T writing(java.util.function.Supplier<T> write) {
        if (dialect != Dialect.SQLITE) {
            return write.get();
        }
        sqliteWrites.lock();
        try {
            return write.get();
        } finally {
            sqliteWrites.unlock();
        }
    }

    /**
     * A pooled connection in auto-commit mode; close it. While the database is unreachable this
     * fails at once instead of making every caller wait out the pool's connection timeout (an
     * acknowledgement to Slack has 3 s): after a failed attempt the breaker stays open for
     * {@link #RECONNECT_INTERVAL}, then lets one caller try again.
     */
    Connection connection() throws SQLException {
        if (!breaker.tryAcquirePermit()) {
            throw new SQLTransientConnectionException("database unreachable; next connection attempt in "
                    + breaker.getRemainingDelay().toMillis() + " ms");
        }
        try {
            Connection c = dataSource.getConnection();
            breaker.recordSuccess();
            return c;
        } catch (SQLException e) {
            breaker.recordFailure();
            throw e;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
