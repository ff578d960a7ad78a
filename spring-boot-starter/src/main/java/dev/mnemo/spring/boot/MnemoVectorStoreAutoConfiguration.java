package dev.mnemo.spring.boot;

import dev.mnemo.api.RecordType;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.spring.ai.MnemoVectorStore;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.vectorstore.SpringAIVectorStoreTypes;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationConvention;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The Spring AI {@link VectorStore}: a {@link MnemoVectorStore} over the {@link MemoryStore} bean.
 * As with Spring AI's own stores, active when {@code spring.ai.vectorstore.type=mnemo} or when the
 * property is absent, and backing off when the application defines a {@code VectorStore}.
 */
@AutoConfiguration(after = MnemoAutoConfiguration.class)
@ConditionalOnClass({MnemoVectorStore.class, VectorStore.class})
@ConditionalOnBean({MemoryService.class, MemoryStore.class})
@ConditionalOnProperty(name = SpringAIVectorStoreTypes.TYPE, havingValue = MnemoVectorStoreAutoConfiguration.TYPE,
        matchIfMissing = true)
@EnableConfigurationProperties(MnemoSpringProperties.class)
public class MnemoVectorStoreAutoConfiguration {
    /** The value of {@code spring.ai.vectorstore.type} that selects Mnemo. */
    public static final String TYPE = "mnemo";

    /**
     * Documents as records of type {@code mnemo.spring.document-type}, ranked as
     * {@code mnemo.spring.search-mode} says, observed like every Spring AI store.
     */
    @Bean
    @ConditionalOnMissingBean(VectorStore.class)
    public MnemoVectorStore mnemoVectorStore(MemoryStore store, MemoryService service, MnemoSpringProperties properties,
                                             ObjectProvider<ObservationRegistry> observationRegistry,
                                             ObjectProvider<VectorStoreObservationConvention> convention) {
        return MnemoVectorStore.builder(store, service.model())
                .recordType(RecordType.of(properties.getDocumentType()))
                .searchMode(properties.getSearchMode())
                .observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
                .customObservationConvention(convention.getIfAvailable(() -> null))
                .build();
    }
}
