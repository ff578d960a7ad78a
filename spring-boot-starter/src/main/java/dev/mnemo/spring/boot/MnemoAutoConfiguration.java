package dev.mnemo.spring.boot;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.spring.ai.MnemoChatMemoryRepository;
import dev.mnemo.spring.ai.SpringAiEmbeddingModel;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Mnemo in a Spring Boot application: a {@link MnemoConfig} from the {@code mnemo.*} properties,
 * the {@link MemoryService} (closed with the context), the {@link MemoryStore} of the configured
 * character or story, and a Spring AI {@link ChatMemoryRepository} on that store. Every bean
 * backs off when the application defines its own. {@code mnemo.spring.enabled=false} turns it
 * all off. The {@code VectorStore} comes from {@link MnemoVectorStoreAutoConfiguration}.
 *
 * <p>Runs before Spring AI's chat memory auto-configuration, so its {@code MessageWindowChatMemory}
 * keeps conversations in Mnemo rather than in memory.
 */
@AutoConfiguration(beforeName = "org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration")
@ConditionalOnClass(MemoryService.class)
@ConditionalOnProperty(prefix = "mnemo.spring", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(MnemoSpringProperties.class)
public class MnemoAutoConfiguration {

    /** Mnemo's configuration from the {@code mnemo.*} properties (see {@link MnemoConfigFactory}). */
    @Bean
    @ConditionalOnMissingBean
    public MnemoConfig mnemoConfig(ConfigurableEnvironment environment) {
        return MnemoConfigFactory.from(environment);
    }

    /**
     * The service, with Mnemo's configured embedding model or, with
     * {@code mnemo.spring.embedding.source=spring-ai}, the application's Spring AI one; Micrometer
     * meters when the application has a {@link MeterRegistry}. Closed with the context, which
     * saves every index and closes every store.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public MemoryService mnemoMemoryService(MnemoConfig config, MnemoSpringProperties properties,
                                            ObjectProvider<EmbeddingModel> embeddingModels,
                                            ObjectProvider<MeterRegistry> meterRegistries) {
        MemoryService.Builder builder = MemoryService.builder(config);
        if (properties.getEmbedding().getSource() == MnemoSpringProperties.Source.SPRING_AI) {
            EmbeddingModel model = embeddingModels.getIfUnique();
            if (model == null) {
                throw new InvalidInputException("mnemo.spring.embedding.source=spring-ai needs exactly one Spring AI"
                        + " EmbeddingModel bean, found " + embeddingModels.stream().count());
            }
            builder.embeddingModel(new SpringAiEmbeddingModel(model, properties.getEmbedding().getName()));
        }
        MeterRegistry registry = meterRegistries.getIfUnique();
        if (registry != null) {
            builder.meterRegistry(registry);
        }
        return builder.build();
    }

    /**
     * The store of {@code mnemo.spring.story} when set, else of {@code mnemo.spring.character}
     * ({@code default}). Owned and closed by the service, not by the context.
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    public MemoryStore mnemoMemoryStore(MemoryService service, MnemoSpringProperties properties) {
        String story = properties.getStory();
        return story != null && !story.isBlank() ? service.story(story) : service.character(properties.getCharacter());
    }

    /** Spring AI chat memory kept in the store's chat threads. */
    @Bean
    @ConditionalOnMissingBean(ChatMemoryRepository.class)
    public MnemoChatMemoryRepository mnemoChatMemoryRepository(MemoryStore store) {
        return new MnemoChatMemoryRepository(store);
    }
}
