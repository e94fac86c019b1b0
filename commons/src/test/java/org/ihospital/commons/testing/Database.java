package org.ihospital.commons.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plain JDBC access to the database of the service under test (its {@code quarkus.datasource.jdbc.url}),
 * for assertions on what is stored, and for proving that a refused request changed nothing.
 */
public final class Database {

    private Database() {
    }

    /**
     * A connection to the database of the service under test, as the role that owns its tables: the
     * migrations datasource's where the service has one (its own role may not alter everything, e.g. the
     * audit trail), else the default datasource's.
     */
    public static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        String prefix = config.getOptionalValue("quarkus.datasource.migrations.jdbc.url", String.class).isPresent()
                ? "quarkus.datasource.migrations." : "quarkus.datasource.";
        return DriverManager.getConnection(config.getValue(prefix + "jdbc.url", String.class),
                config.getValue(prefix + "username", String.class), config.getValue(prefix + "password", String.class));
    }

    /** A connection as the service's own role (the default datasource's user), to prove what that role may not do. */
    public static Connection connectAsService() throws SQLException {
        var config = ConfigProvider.getConfig();
        String url = config.getOptionalValue("quarkus.datasource.migrations.jdbc.url", String.class)
                .orElseGet(() -> config.getValue("quarkus.datasource.jdbc.url", String.class));
        return DriverManager.getConnection(url, config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    /** A connection to another database of the run's PostgreSQL, e.g. another service's. */
    public static Connection connect(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + SharedServers.postgresHost() + ":" + SharedServers.postgresPort()
                + "/" + database, user, password);
    }

    public static long count(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        return ((Number) rows.get(0).values().iterator().next()).longValue();
    }

    public static List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static int execute(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The events written to the outbox so far (not their publication state, which the relay changes at any time). */
    public static String outboxSnapshot() {
        var row = rows("select count(*) as n, coalesce(md5(string_agg(id::text || type, '|' order by id)), '') as h from outbox_event").get(0);
        return row.get("n") + ":" + row.get("h");
    }

    /**
     * A fingerprint of every row of the given tables, to compare before and after a refused request:
     * equal fingerprints mean nothing was inserted, updated or deleted.
     */
    public static Map<String, String> fingerprint(String... tables) {
        Map<String, String> prints = new LinkedHashMap<>();
        for (String table : tables) {
            if (!table.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException(table);
            }
            if (table.equals("outbox_event")) {
                prints.put(table, outboxSnapshot());
                continue;
            }
            var row = rows("select count(*) as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from "
                    + table + " t").get(0);
            prints.put(table, row.get("n") + ":" + row.get("h"));
        }
        return prints;
    }
}
