package org.ihospital.commons.testing;

/**
 * Where the run's one PostgreSQL, Kafka and Keycloak are: the addresses deploy/local/hospital exports,
 * or its defaults. Tests never start a server of their own.
 */
public final class SharedServers {

    private SharedServers() {
    }

    public static String kafka() {
        return env("HOSPITAL_KAFKA", "127.0.0.1:19092");
    }

    public static String keycloak() {
        return env("HOSPITAL_KEYCLOAK", "http://127.0.0.1:18080");
    }

    public static String postgresHost() {
        return env("HOSPITAL_PG_HOST", "127.0.0.1");
    }

    public static int postgresPort() {
        return Integer.parseInt(env("HOSPITAL_PG_PORT", "15432"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
