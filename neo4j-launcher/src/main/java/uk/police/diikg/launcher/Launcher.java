package uk.police.diikg.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community embedded, with its Bolt connector open on 127.0.0.1.
 *
 * <p>Usage: {@code Launcher HOME PORT PASSWORD_FILE PAGECACHE_MB}. The store lives
 * under HOME; the password of the {@code neo4j} user is set from PASSWORD_FILE on
 * every start, so that file is the one place the credential is kept. The process
 * prints {@code READY} once the database accepts Bolt connections with that
 * password and shuts the database down cleanly on SIGTERM or SIGINT.
 */
public final class Launcher {

    /** How long Bolt waits for open connections and workers when shutting down. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(1);

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: Launcher HOME PORT PASSWORD_FILE PAGECACHE_MB FILE_URLS");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        String password = readPassword(Path.of(args[2]));
        long pageCacheMb = Long.parseLong(args[3]);
        // "allow-file-urls" only for the benchmarks' own servers, which time LOAD CSV of files.
        boolean fileUrls = "allow-file-urls".equals(args[4]);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // The password is 256 random bits: a lockout after failed logins guards
                // nothing, and lets any web page lock the project out through Bolt's WebSocket.
                .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                // LOAD CSV may not read this machine's files.
                .setConfig(GraphDatabaseSettings.allow_file_urls, fileUrls)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(5))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, SHUTDOWN_WAIT)
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, SHUTDOWN_WAIT)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "diikg-shutdown"));

        setPassword(dbms, password);
        System.out.println("READY");
        System.out.flush();
        stopped.await();
    }

    private static String readPassword(Path file) throws IOException {
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (password.length() < 8) {
            throw new IllegalArgumentException("password file " + file + " holds fewer than 8 characters");
        }
        return password;
    }

    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }
}
