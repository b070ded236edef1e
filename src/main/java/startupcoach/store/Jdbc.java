package startupcoach.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import startupcoach.coach.StorageUnavailableException;

/** The few JDBC moves the stores make, with parameters bound by type and SQL errors wrapped. */
final class Jdbc {

    /** A typed SQL NULL: PostgreSQL rejects an untyped one for a BIGINT column. */
    record Null(int sqlType) {
        static final Null BIGINT = new Null(Types.BIGINT);
        static final Null VARCHAR = new Null(Types.VARCHAR);
    }

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Jdbc() {
    }

    static int update(Database db, String sql, Object... params) {
        return db.writing(() -> {
            try (Connection c = db.connection()) {
                return update(c, sql, params);
            } catch (SQLException e) {
                throw failed(sql, e);
            }
        });
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    static <T> List<T> query(Database db, String sql, Row<T> row, Object... params) {
        try (Connection c = db.connection()) {
            return query(c, sql, row, params);
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    static <T> List<T> query(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    static <T> T inTransaction(Database db, Work<T> work) {
        return db.writing(() -> transaction(db, work));
    }

    private static <T> T transaction(Database db, Work<T> work) {
        try (Connection c = db.connection()) {
            // The pool restores auto-commit when the connection is returned: nothing may fail after
            // the commit, or a committed write would be reported as lost.
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failed("transaction", e);
        }
    }

    /**
     * Rolls back after {@code failure}. On a connection the server has dropped the rollback fails
     * too; the first failure is the one that explains what happened, so it stays the one thrown.
     */
    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int at = i + 1;
            if (p instanceof Null n) {
                ps.setNull(at, n.sqlType());
            } else if (p instanceof Instant t) {
                ps.setLong(at, t.toEpochMilli());
            } else if (p instanceof Long l) {
                ps.setLong(at, l);
            } else if (p instanceof Integer n) {
                ps.setInt(at, n);
            } else if (p instanceof Boolean b) {
                ps.setBoolean(at, b);
            } else if (p instanceof String s) {
                ps.setString(at, s);
            } else {
                throw new IllegalArgumentException("unsupported parameter type " + (p == null ? "null" : p.getClass().getName()));
            }
        }
    }

    /** An instant column, or null. */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static Object orNull(Instant t) {
        return t == null ? Null.BIGINT : t;
    }

    static Object orNull(String s) {
        return s == null ? Null.VARCHAR : s;
    }

    /**
     * The exception for a failed statement: {@link StorageUnavailableException} when the database
     * could not be reached (SQLState class 08, the server shutting down or starting, a pool or
     * circuit-breaker timeout), which passes; {@link StoreException} for anything else.
     */
    static RuntimeException failed(String what, SQLException e) {
        String message = "database operation failed (" + firstWords(what) + "): " + e.getMessage();
        return unreachable(e) ? new StorageUnavailableException(message, e) : new StoreException(message, e);
    }

    /** Whether the failure, or one it was caused by, says the database could not be reached. */
    private static boolean unreachable(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            String state = t instanceof SQLException e && e.getSQLState() != null ? e.getSQLState() : "";
            if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                return true;
            }
        }
        return false;
    }

    private static String firstWords(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ");
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** Lists stored as text, one element a line (ids and citations never contain a line break). */
    static String lines(List<String> values) {
        return String.join("\n", values);
    }

    static List<String> lines(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split("\n"));
    }
}
