package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.dafu.parser.ParserApplication;
import dev.dafu.testsupport.RealServers;

/**
 * A dead letter that cannot be written is not given up: the consumer does not commit past
 * its record, and writes it once the dead-letter topic takes it. The parser reads its own
 * topics here, whose dead-letter topic first takes only 2 000 bytes, and logs as JSON.
 */
@ExtendWith({ RealServers.class, OutputCaptureExtension.class })
class DeadLetterIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String PAGES = "it-tight-" + RUN + ".pages";

	private static final String DEAD_LETTERS = PAGES + ".dlq";

	private static final String GROUP = "it-tight-" + RUN;

	static Admin admin;

	static Services services;

	static ConfigurableApplicationContext parser;

	@BeforeAll
	static void startAParserWhoseDeadLetterTopicIsTooSmall() throws Exception {
		admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafkaBootstrapServers()));
		admin.createTopics(List.of(new NewTopic(PAGES, 1, (short) 1),
				new NewTopic(DEAD_LETTERS, 1, (short) 1).configs(Map.of("max.message.bytes", "2000"))))
			.all()
			.get();
		services = new Services("replies-dead-letter-it");
		parser = services.start(ParserApplication.application(), "--logging.structured.format.console=ecs",
				"--spring.cloud.stream.bindings.parseReply-in-0.destination=" + PAGES,
				"--spring.cloud.stream.bindings.parseReply-in-0.group=" + GROUP,
				"--spring.cloud.stream.kafka.bindings.parseReply-in-0.consumer.dlq-name=" + DEAD_LETTERS);
	}

	@AfterAll
	static void stop() {
		if (services != null) {
			services.close();
		}
		if (admin != null) {
			admin.close();
		}
	}

	@Test
	void aDeadLetterTheTopicRefusesKeepsItsRecordUncommittedUntilTheTopicTakesIt(CapturedOutput output)
			throws Exception {
		String url = "http://tight.example.gov.cn/" + RUN + ".html";
		String html = "<html><body><h1>对市十六届人大二次会议第9999号代表建议的答复</h1><div><p>" + "正文。".repeat(2000)
				+ "</p></div></body></html>";
		ObjectNode page = JSON.createObjectNode()
			.put("url", url)
			.put("site", "tight")
			.put("fetchedAt", "2024-07-02T00:00:00Z")
			.put("status", 200)
			.put("contentType", "text/html; charset=utf-8")
			.put("content", Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8)));
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafkaBootstrapServers()),
				new StringSerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(PAGES, url, JSON.writeValueAsBytes(page))).get();
		}

		// Long enough for the parser to read the page, fail it and be refused twice.
		Thread.sleep(Duration.ofSeconds(15).toMillis());
		assertThat(committed()).isZero();
		assertThat(endOffset(DEAD_LETTERS)).isZero();
		assertThat(deadLettersCounted()).isZero();

		admin
			.incrementalAlterConfigs(
					Map.of(new ConfigResource(ConfigResource.Type.TOPIC, DEAD_LETTERS),
							List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "1048576"),
									AlterConfigOp.OpType.SET))))
			.all()
			.get();

		await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(committed()).isEqualTo(1));
		try (KafkaConsumer<String, byte[]> dlq = Topics.consumer(DEAD_LETTERS, new ByteArrayDeserializer())) {
			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
				records.addAll(Topics.poll(dlq));
				assertThat(records).hasSize(1);
			});
			assertThat(records.get(0).key()).isEqualTo(url);
			assertThat(new String(records.get(0).headers().lastHeader("x-exception-message").value(),
					StandardCharsets.UTF_8))
				.startsWith("reply has no issuer");
		}
		assertThat(deadLettersCounted()).isEqualTo(1);
		// The log says so in a JSON line of its own that names the page.
		JsonNode said = output.getOut()
			.lines()
			.filter(line -> line.startsWith("{") && line.contains("Dead-lettered " + PAGES))
			.map(DeadLetterIT::readJson)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no JSON line says the page was dead-lettered"));
		assertThat(said.get("url").asText()).isEqualTo(url);
		assertThat(said.get("log").get("level").asText()).isEqualTo("WARN");
	}

	private static double deadLettersCounted() {
		return parser.getBean(MeterRegistry.class).get("dafu.dead.letters").tag("topic", PAGES).counter().count();
	}

	private static JsonNode readJson(String line) {
		try {
			return JSON.readTree(line);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long committed() throws Exception {
		OffsetAndMetadata offset = admin.listConsumerGroupOffsets(GROUP)
			.partitionsToOffsetAndMetadata()
			.get()
			.get(new TopicPartition(PAGES, 0));
		return offset == null ? 0 : offset.offset();
	}

	private static long endOffset(String topic) throws Exception {
		TopicPartition partition = new TopicPartition(topic, 0);
		return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
	}

}
