package dev.mnemo.cassandra.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The files a test node runs from: a minimal cassandra.yaml and a logback.xml, both in its work dir. */
final class NodeFiles {
    private NodeFiles() {
    }

    /** Writes {@code cassandra.yaml} for one node on loopback with everything under {@code dir}. */
    static Path writeConfig(Path dir, int storagePort, int nativePort) throws IOException {
        Path data = dir.resolve("data");
        List<String> lines = List.of(
                "cluster_name: mnemo-test",
                // one token: a single node needs no more, and fewer tokens start faster
                "num_tokens: 1",
                "initial_token: 0",
                "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
                "listen_address: 127.0.0.1",
                "rpc_address: 127.0.0.1",
                "storage_port: " + storagePort,
                "native_transport_port: " + nativePort,
                "start_native_transport: true",
                "endpoint_snitch: SimpleSnitch",
                "seed_provider:",
                "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
                "    parameters:",
                "      - seeds: \"127.0.0.1:" + storagePort + "\"",
                "data_file_directories: [" + data.resolve("data") + "]",
                "commitlog_directory: " + data.resolve("commitlog"),
                "saved_caches_directory: " + data.resolve("saved_caches"),
                "hints_directory: " + data.resolve("hints"),
                "cdc_raw_directory: " + data.resolve("cdc_raw"),
                // acknowledged writes reach the commit log at once: a restart test must not lose them
                "commitlog_sync: batch",
                "authenticator: AllowAllAuthenticator",
                "authorizer: AllowAllAuthorizer",
                // a new cluster: no 4.x nodes to stay compatible with
                "storage_compatibility_mode: NONE",
                "concurrent_compactors: 1",
                "concurrent_reads: 4",
                "concurrent_writes: 4",
                "memtable_heap_space: 128MiB",
                "memtable_offheap_space: 128MiB",
                "key_cache_size: 8MiB",
                "counter_cache_size: 0MiB",
                "auto_snapshot: false",
                "");
        Path yaml = dir.resolve("cassandra.yaml");
        Files.write(yaml, lines, StandardCharsets.UTF_8);
        return yaml;
    }

    /** Writes a logback.xml sending the node's log (INFO and up) to {@code system.log} in {@code dir}. */
    static Path writeLogback(Path dir) throws IOException {
        String xml = """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%d %%-5level [%%thread] %%logger{30} - %%msg%%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(dir.resolve("system.log"));
        Path file = dir.resolve("logback.xml");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        return file;
    }
}
