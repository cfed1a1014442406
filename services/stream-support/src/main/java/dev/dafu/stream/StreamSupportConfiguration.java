package dev.dafu.stream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/**
 * Records read with their reasons ({@link RecordReader}), and dead letters for every
 * consuming binding with {@code enable-dlq} (see {@link DeadLetterCustomizer}), written
 * by one producer that takes records up to {@value #MAX_DEAD_LETTER_BYTES} bytes: the
 * largest page a topic holds (16 MiB) with its headers. Each dead-letter topic sets its
 * own {@code max.message.bytes} to match.
 */
@AutoConfiguration
public class StreamSupportConfiguration {

	static final int MAX_DEAD_LETTER_BYTES = 20 * 1024 * 1024;

	private static final String BINDER = "spring.cloud.stream.kafka.binder";

	/**
	 * The binder's own properties live in its child context, so its brokers and common
	 * client configuration are read from the environment.
	 */
	@Bean
	RecordReader recordReader(JsonMapper json) {
		return new RecordReader(json);
	}

	@Bean
	DeadLetterCustomizer deadLetterCustomizer(Environment environment, ObjectProvider<MeterRegistry> meters) {
		Binder properties = Binder.get(environment);
		Map<String, Object> config = new HashMap<>(
				properties.bind(BINDER + ".configuration", Bindable.mapOf(String.class, String.class))
					.orElse(Map.of()));
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",",
				properties.bind(BINDER + ".brokers", Bindable.listOf(String.class)).orElse(List.of("localhost:9092"))));
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_DEAD_LETTER_BYTES);
		config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * MAX_DEAD_LETTER_BYTES);
		Map<Class<?>, Serializer<?>> byType = Map.of(byte[].class, new ByteArraySerializer(), String.class,
				new StringSerializer());
		DefaultKafkaProducerFactory<Object, Object> producers = new DefaultKafkaProducerFactory<>(config,
				new DelegatingByTypeSerializer(byType), new DelegatingByTypeSerializer(byType));
		return new DeadLetterCustomizer(new KafkaTemplate<>(producers),
				meters.getIfAvailable(SimpleMeterRegistry::new));
	}

}
