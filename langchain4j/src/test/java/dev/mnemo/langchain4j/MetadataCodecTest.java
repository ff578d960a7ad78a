package dev.mnemo.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.document.Metadata;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The metadata translation both ways, including tags that no longer fit their values. */
class MetadataCodecTest {
    @Test
    void typesSurviveTheRoundTripAndOnlyAmbiguousOnesAreTagged() {
        UUID uuid = UUID.randomUUID();
        Metadata metadata = new Metadata().put("s", "x").put("u", uuid).put("i", Integer.MIN_VALUE)
                .put("l", Long.MIN_VALUE).put("f", -Float.MAX_VALUE).put("d", Double.MIN_VALUE);

        Map<String, Object> stored = MetadataCodec.encode("id-1", metadata);

        assertThat(stored).containsEntry("lc4j.id", "id-1").containsEntry("lc4j.types", "f=f,i=i,u=u")
                .containsEntry("u", uuid.toString()).containsEntry("i", (long) Integer.MIN_VALUE)
                .containsEntry("f", (double) -Float.MAX_VALUE);
        assertThat(MetadataCodec.decode(stored)).isEqualTo(metadata);
        assertThat(MetadataCodec.id(stored)).isEqualTo("id-1");
        assertThat(MetadataCodec.encode("id-2", null)).containsOnlyKeys("lc4j.id");
    }

    @Test
    void aTagThatDoesNotFitItsValueIsIgnored() {
        Map<String, Object> stored = Map.of("lc4j.types", "u=u,i=i,f=f,junk,x=", "u", "not a uuid",
                "i", 1L << 40, "f", "text", "flag", true);

        assertThat(MetadataCodec.decode(stored).toMap()).containsExactlyInAnyOrderEntriesOf(
                Map.of("u", "not a uuid", "i", 1L << 40, "f", "text", "flag", "true"));
        assertThat(MetadataCodec.id(stored)).isNull();
    }

    @Test
    void reservedKeysAndNullFilterValuesAreRefused() {
        assertThatThrownBy(() -> MetadataCodec.encode("id", new Metadata().put("lc4j.anything", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'lc4j.anything' is reserved");
        assertThatThrownBy(() -> MetadataCodec.filterValue(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(MetadataCodec.filterValue(7)).isEqualTo(7L);
        assertThat(MetadataCodec.filterValue(1.5f)).isEqualTo(1.5d);
    }
}
