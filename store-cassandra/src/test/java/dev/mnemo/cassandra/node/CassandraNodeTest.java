package dev.mnemo.cassandra.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("cassandra")
@ExtendWith(CassandraNodeExtension.class)
class CassandraNodeTest {

    @Test
    void answersCqlOnLoopbackAsVersion5(CassandraNode node) {
        try (CqlSession session = CqlSession.builder().addContactPoint(node.contactPoint())
                .withLocalDatacenter(CassandraNode.DATACENTER).build()) {
            Row row = session.execute("SELECT release_version, data_center FROM system.local").one();
            assertThat(row).isNotNull();
            assertThat(row.getString("release_version")).startsWith("5.0.");
            assertThat(row.getString("data_center")).isEqualTo(CassandraNode.DATACENTER);
        }
    }

    @Test
    void runsInItsOwnJvmWithoutCassandraOnTheTestClassPath(CassandraNode node) {
        assertThat(node.isRunning()).isTrue();
        assertThat(getClass().getClassLoader().getResource("org/apache/cassandra/service/CassandraDaemon.class")).isNull();
        assertThat(getClass().getClassLoader().getResource("io/github/jbellis/jvector/graph/GraphIndex.class")).isNull();
    }
}
