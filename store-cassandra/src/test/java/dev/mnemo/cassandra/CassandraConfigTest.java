package dev.mnemo.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.InvalidInputException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CassandraConfigTest {

    @Test
    void defaultsAreASingleLocalNode() {
        CassandraConfig c = CassandraConfig.builder().build();
        assertThat(c.contactPoints()).containsExactly(InetSocketAddress.createUnresolved("127.0.0.1", 9042));
        assertThat(c.localDatacenter()).isEqualTo("datacenter1");
        assertThat(c.keyspace()).isEqualTo("mnemo");
        assertThat(c.replication()).isEqualTo(Map.of("class", "SimpleStrategy", "replication_factor", "1"));
        assertThat(c.writeConsistency()).isEqualTo(CassandraConfig.Consistency.LOCAL_QUORUM);
        assertThat(c.defaultTtl()).isNull();
    }

    @Test
    void readsTheMnemoCassandraKeys() {
        CassandraConfig c = CassandraConfig.fromProperties(Map.of(
                "mnemo.cassandra.contact-points", "10.0.0.1:9142, cass2",
                "mnemo.cassandra.local-datacenter", "dc1",
                "mnemo.cassandra.keyspace", "memories",
                "mnemo.cassandra.replication", "class=NetworkTopologyStrategy,dc1=3",
                "mnemo.cassandra.write-consistency", "each_quorum",
                "mnemo.cassandra.request-timeout-ms", "2500",
                "mnemo.cassandra.default-ttl-s", "86400",
                "mnemo.store.max-text-chars", "500",
                "mnemo.vector.backend", "faiss"));
        assertThat(c.contactPoints()).containsExactly(InetSocketAddress.createUnresolved("10.0.0.1", 9142),
                InetSocketAddress.createUnresolved("cass2", 9042));
        assertThat(c.localDatacenter()).isEqualTo("dc1");
        assertThat(c.replication()).isEqualTo(Map.of("class", "NetworkTopologyStrategy", "dc1", "3"));
        assertThat(c.writeConsistency()).isEqualTo(CassandraConfig.Consistency.EACH_QUORUM);
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(c.defaultTtl()).isEqualTo(Duration.ofDays(1));
        assertThat(c.maxTextChars()).isEqualTo(500);
        CassandraConfig limits = CassandraConfig.fromProperties(Map.of("mnemo.metadata.max-entries", "8",
                "mnemo.metadata.max-bytes", "1024"));
        assertThat(limits.maxMetadataEntries()).isEqualTo(8);
        assertThat(limits.maxMetadataBytes()).isEqualTo(1024);
        assertThat(CassandraConfig.builder().build().maxMetadataEntries()).isEqualTo(64);
        assertThat(CassandraConfig.builder().build().maxMetadataBytes()).isEqualTo(16_384);
    }

    @Test
    void passwordNeverShowsInToString() {
        CassandraConfig c = CassandraConfig.builder().username("mnemo").password("s3cr3t-pw").build();
        assertThat(c.toString()).contains("username=mnemo").contains("password=****").doesNotContain("s3cr3t-pw");
    }

    @Test
    void badValuesAreRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> CassandraConfig.fromProperties(Map.of("mnemo.cassandra.keyspce", "x")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnemo.cassandra.keyspace");
        assertThatThrownBy(() -> CassandraConfig.fromProperties(Map.of("mnemo.cassandra.keyspace", "bad-name")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("keyspace");
        assertThatThrownBy(() -> CassandraConfig.fromProperties(Map.of("mnemo.cassandra.write-consistency", "most")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("LOCAL_QUORUM");
        assertThatThrownBy(() -> CassandraConfig.fromProperties(Map.of("mnemo.cassandra.replication", "class=x'y")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("replication");
        assertThatThrownBy(() -> CassandraConfig.builder().username("u").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("together");
        assertThatThrownBy(() -> CassandraConfig.fromProperties(Map.of("mnemo.cassandra.contact-points", "h:99999")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> CassandraConfig.fromProperties(Map.of("mnemo.cassandra.default-ttl-s", "630720001")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("20 years");
        assertThatThrownBy(() -> CassandraConfig.fromProperties(Map.of("mnemo.metadata.max-bytes", "-1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnemo.metadata.max-bytes");
    }
}
