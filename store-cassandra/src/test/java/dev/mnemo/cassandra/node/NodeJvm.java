package dev.mnemo.cassandra.node;

import java.util.List;

/**
 * JVM options for the test node on JDK 17: a small heap, and the module exports and opens that
 * Cassandra 5.0's {@code conf/jvm17-server.options} grants (Cassandra reaches into JDK internals for
 * memory accounting, off-heap buffers and its security manager).
 */
final class NodeJvm {
    private NodeJvm() {
    }

    static List<String> options() {
        return List.of(
                "-Xms256m", "-Xmx1g", "-Xss512k",
                "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
                // fewer JIT and GC threads: the machine running the tests has few cores to share
                "-XX:CICompilerCount=2", "-XX:ParallelGCThreads=2", "-XX:ConcGCThreads=1",
                "-Djava.net.preferIPv4Stack=true",
                "-Djdk.attach.allowAttachSelf=true",
                "-Dio.netty.tryReflectionSetAccessible=true",
                "-Dcassandra-foreground=yes",
                // a single fresh node: no gossip to wait for, no ring to settle
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                "-Dcassandra.ring_delay_ms=100",
                "-Dcassandra.superuser_setup_delay_ms=0",
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
                "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
                "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
                "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
                "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
                "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
                "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
                "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
                "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
                "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
                "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
                "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.base/java.io=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-opens", "java.base/java.nio=ALL-UNNAMED");
    }
}
