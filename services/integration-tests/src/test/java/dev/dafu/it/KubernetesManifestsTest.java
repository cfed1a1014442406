package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code deploy/kubernetes} cannot be applied where the project is built (no cluster), so
 * this reads it as the cluster would: every resource parses as its kind with a real model
 * (the fabric8 Kubernetes model, Strimzi's for its custom resources, fabric8's of the
 * Prometheus operator's), with no field the model does not know; ECK's and KEDA's
 * resources, for which no library holds a model, are checked field by field. And it
 * checks that the pieces fit: the variables the Deployments set are ones the services
 * read, the topics are the design's with a partition for every instance, autoscaling
 * reads each stage's own group, the alerts are {@code deploy/monitoring}'s.
 */
class KubernetesManifestsTest {

	private static final Path FOLDER = ServiceConfigurations.REPOSITORY.resolve("deploy/kubernetes");

	private static final Map<String, Class<? extends HasMetadata>> STRIMZI = Map.of("Kafka", Kafka.class,
			"KafkaNodePool", KafkaNodePool.class, "KafkaTopic", KafkaTopic.class);

	/** Custom resources no library holds a model of: checked field by field below. */
	private static final Set<String> WITHOUT_MODEL = Set.of("elasticsearch.k8s.elastic.co/v1 Elasticsearch",
			"keda.sh/v1alpha1 ScaledObject");

	/** The two Secrets the Deployments read: one made by hand, one by ECK. */
	private static final Set<String> SECRETS = Set.of("dafu-operator", "dafu-es-elastic-user");

	private static final int DEAD_LETTER_BYTES = 20 * 1024 * 1024;

	static List<Object> resources = new ArrayList<>();

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void read() throws Exception {
		for (String file : kustomizationResources()) {
			try (InputStream in = Files.newInputStream(FOLDER.resolve(file))) {
				for (Object document : new Yaml().loadAll(in)) {
					resources.add(model(file, (Map<String, Object>) document));
				}
			}
		}
	}

	@Test
	void everyFileIsAppliedAndEveryResourceParsesAsItsKindWithNoFieldItsModelDoesNotKnow() throws IOException {
		try (Stream<Path> files = Files.list(FOLDER)) {
			assertThat(files.map(file -> file.getFileName().toString())
				.filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")))
				.containsExactlyInAnyOrderElementsOf(kustomizationResources());
		}
		for (Object resource : resources) {
			if (resource instanceof GenericKubernetesResource generic) {
				assertThat(WITHOUT_MODEL).as("a model for " + generic.getKind())
					.contains(generic.getApiVersion() + " " + generic.getKind());
			}
			else {
				List<String> unknown = new ArrayList<>();
				unknownFields(resource, name(resource), unknown);
				assertThat(unknown).as("fields the model does not know").isEmpty();
			}
		}
		assertThat(of(Deployment.class)).hasSize(ServiceConfigurations.SERVICES.size());
	}

	@Test
	@SuppressWarnings("unchecked")
	void theImagesAreTheBuildsOfThisVersion() throws IOException {
		List<Map<String, String>> images = (List<Map<String, String>>) kustomization().get("images");
		assertThat(images).extracting(image -> image.get("name"))
			.containsExactlyInAnyOrderElementsOf(
					ServiceConfigurations.SERVICES.stream().map(service -> "dafu/dafu-" + service).toList());
		assertThat(images)
			.allSatisfy(image -> assertThat(image.get("newTag")).isEqualTo(ServiceConfigurations.projectVersion()));
	}

	@Test
	void everyServiceRunsAsNoRootWithProbesMemoryLimitsADisruptionBudgetAndAService() {
		for (String service : ServiceConfigurations.SERVICES) {
			Deployment deployment = named(Deployment.class, "dafu-" + service);
			Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
			assertThat(deployment.getSpec().getSelector().getMatchLabels()).isNotEmpty();
			assertThat(labels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
			assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
			Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
			assertThat(container.getImage()).isEqualTo("dafu/dafu-" + service);
			assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
			assertThat(container.getResources().getLimits()).containsKey("memory");
			assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
			assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
			assertProbe(container.getStartupProbe(), "/actuator/health/liveness");
			assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
			assertThat(container.getPorts()).anySatisfy(port -> {
				assertThat(port.getName()).isEqualTo("http");
				assertThat(ServiceConfigurations.text(service))
					.contains("port: ${DAFU_" + service.toUpperCase() + "_PORT:" + port.getContainerPort() + "}");
			});

			PodDisruptionBudget budget = named(PodDisruptionBudget.class, "dafu-" + service);
			assertThat(labels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
			Service reachable = named(Service.class, "dafu-" + service);
			assertThat(labels).containsAllEntriesOf(reachable.getSpec().getSelector());
			assertThat(reachable.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
		}
	}

	@Test
	void theVariablesTheDeploymentsSetAreOnesTheServicesReadAndNoSecretIsKeptHere() {
		assertThat(resources).noneMatch(Secret.class::isInstance);
		for (String service : ServiceConfigurations.SERVICES) {
			Container container = named(Deployment.class, "dafu-" + service).getSpec()
				.getTemplate()
				.getSpec()
				.getContainers()
				.get(0);
			Set<String> set = new TreeSet<>();
			for (EnvFromSource source : container.getEnvFrom()) {
				set.addAll(named(ConfigMap.class, source.getConfigMapRef().getName()).getData().keySet());
			}
			for (EnvVar variable : container.getEnv()) {
				set.add(variable.getName());
				if (variable.getValueFrom() != null && variable.getValueFrom().getConfigMapKeyRef() != null) {
					var key = variable.getValueFrom().getConfigMapKeyRef();
					assertThat(named(ConfigMap.class, key.getName()).getData()).containsKey(key.getKey());
				}
				else if (variable.getValueFrom() != null) {
					assertThat(SECRETS).contains(variable.getValueFrom().getSecretKeyRef().getName());
				}
				else {
					assertThat(variable.getName()).as("a secret from a Secret").doesNotContain("PASSWORD");
				}
			}
			assertThat(set).contains("DAFU_KAFKA_BOOTSTRAP_SERVERS", "DAFU_OPERATOR_PASSWORD");
			for (String variable : set) {
				if (variable.startsWith("DAFU_")) {
					assertThat(ServiceConfigurations.variablesRead(service)).as(service + " reads " + variable)
						.contains(variable);
				}
			}
		}
	}

	@Test
	void theTopicsAreTheDesignsWithAPartitionForEveryInstanceAndTheirLimits() {
		Map<String, KafkaTopic> topics = new HashMap<>();
		of(KafkaTopic.class).forEach(topic -> topics.put(topic.getMetadata().getName(), topic));
		assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.DESIGNED);
		int partitions = Integer.parseInt(named(ConfigMap.class, "dafu-kafka").getData().get("DAFU_KAFKA_PARTITIONS"));
		for (KafkaTopic topic : topics.values()) {
			String name = topic.getMetadata().getName();
			assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "dafu");
			assertThat(topic.getSpec().getReplicas()).as(name).isEqualTo(3);
			if (name.endsWith(".dlq")) {
				KafkaTopic source = topics.get(name.substring(0, name.length() - ".dlq".length()));
				assertThat(topic.getSpec().getPartitions()).as(name).isEqualTo(source.getSpec().getPartitions());
				assertThat(topic.getSpec().getConfig()).containsEntry("max.message.bytes", DEAD_LETTER_BYTES);
			}
			else if (!name.equals("dead-letters.replayed")) {
				assertThat(topic.getSpec().getPartitions()).as(name).isGreaterThanOrEqualTo(partitions);
			}
		}
		for (String compacted : List.of("replies.enriched", "dead-letters.replayed")) {
			assertThat(topics.get(compacted).getSpec().getConfig()).containsEntry("cleanup.policy", "compact");
		}
		Kafka kafka = of(Kafka.class).get(0);
		assertThat(kafka.getSpec().getKafka().getConfig()).containsEntry("min.insync.replicas", 2)
			.containsEntry("message.max.bytes", DEAD_LETTER_BYTES);
		assertThat(of(KafkaNodePool.class)).singleElement()
			.satisfies(pool -> assertThat(pool.getSpec().getReplicas()).isEqualTo(3));
	}

	@Test
	@SuppressWarnings("unchecked")
	void eachConsumingStageScalesOnItsOwnGroupsLagUpToItsTopicsPartitions() {
		Set<String> scaled = new HashSet<>();
		for (GenericKubernetesResource scaler : generic("ScaledObject")) {
			Map<String, Object> spec = (Map<String, Object>) scaler.getAdditionalProperties().get("spec");
			String target = (String) ((Map<String, Object>) spec.get("scaleTargetRef")).get("name");
			String service = target.substring("dafu-".length());
			named(Deployment.class, target);
			Map<String, Object> trigger = ((List<Map<String, Object>>) spec.get("triggers")).get(0);
			assertThat(trigger.get("type")).isEqualTo("kafka");
			Map<String, String> metadata = (Map<String, String>) trigger.get("metadata");
			assertThat(metadata.get("bootstrapServers"))
				.isEqualTo(named(ConfigMap.class, "dafu-kafka").getData().get("DAFU_KAFKA_BOOTSTRAP_SERVERS"));
			assertThat(ServiceConfigurations.groupsByTopic(service)).as(service)
				.containsEntry(metadata.get("topic"), metadata.get("consumerGroup"));
			assertThat(Integer.parseInt(metadata.get("lagThreshold"))).isPositive();
			KafkaTopic topic = of(KafkaTopic.class).stream()
				.filter(candidate -> candidate.getMetadata().getName().equals(metadata.get("topic")))
				.findFirst()
				.orElseThrow();
			assertThat((Integer) spec.get("maxReplicaCount")).isLessThanOrEqualTo(topic.getSpec().getPartitions());
			assertThat((Integer) spec.get("minReplicaCount")).isGreaterThanOrEqualTo(1);
			scaled.add(service);
		}
		assertThat(scaled).containsExactlyInAnyOrder("parser", "enricher", "indexer");
	}

	@Test
	@SuppressWarnings("unchecked")
	void elasticsearchRunsThreeNodesOfTheVersionTheServicesAreBuiltFor() throws IOException {
		GenericKubernetesResource elasticsearch = generic("Elasticsearch").get(0);
		Map<String, Object> spec = (Map<String, Object>) elasticsearch.getAdditionalProperties().get("spec");
		Matcher version = Pattern.compile("<elasticsearch-server.version>([^<]+)<")
			.matcher(Files.readString(ServiceConfigurations.REPOSITORY.resolve("pom.xml")));
		assertThat(version.find()).isTrue();
		assertThat(spec.get("version")).isEqualTo(version.group(1));
		List<Map<String, Object>> nodeSets = (List<Map<String, Object>>) spec.get("nodeSets");
		assertThat(nodeSets.stream().mapToInt(nodeSet -> (Integer) nodeSet.get("count")).sum()).isEqualTo(3);
		assertThat(elasticsearch.getMetadata().getName() + "-es-http:9200")
			.isEqualTo(named(ConfigMap.class, "dafu-elasticsearch").getData()
				.get("DAFU_ELASTICSEARCH_URIS")
				.replace("http://", ""));
	}

	@Test
	@SuppressWarnings("unchecked")
	void prometheusScrapesEveryServiceWithTheOperatorsCredentialsAndLoadsTheAlertsWordForWord() throws IOException {
		ServiceMonitor monitor = of(ServiceMonitor.class).get(0);
		for (Service service : of(Service.class)) {
			assertThat(service.getMetadata().getLabels())
				.containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
		}
		assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(endpoint -> {
			assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus");
			assertThat(endpoint.getPort()).isEqualTo("http");
			assertThat(endpoint.getBasicAuth().getPassword().getName()).isEqualTo("dafu-operator");
		});
		Map<String, Object> alerts = Monitoring.alerts();
		PrometheusRule rule = of(PrometheusRule.class).get(0);
		Map<String, Object> groups = Serialization.jsonMapper().convertValue(rule.getSpec(), Map.class);
		assertThat(groups).isEqualTo(Serialization.jsonMapper().convertValue(alerts, Map.class));
	}

	private static void assertProbe(Probe probe, String path) {
		assertThat(probe).as(path).isNotNull();
		assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
		assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
	}

	@SuppressWarnings("unchecked")
	private static List<String> kustomizationResources() throws IOException {
		return (List<String>) kustomization().get("resources");
	}

	private static Map<String, Object> kustomization() throws IOException {
		try (InputStream in = Files.newInputStream(FOLDER.resolve("kustomization.yaml"))) {
			return new Yaml().load(in);
		}
	}

	/**
	 * The resource in its model: Strimzi's, fabric8's, or generic where no library holds
	 * one.
	 */
	private static Object model(String file, Map<String, Object> document) throws ReflectiveOperationException {
		String apiVersion = (String) document.get("apiVersion");
		String kind = (String) document.get("kind");
		Class<? extends HasMetadata> strimzi = STRIMZI.get(kind);
		if (strimzi != null && apiVersion.startsWith("kafka.strimzi.io/")) {
			List<String> versions = (List<String>) strimzi.getField("VERSIONS").get(null);
			assertThat(versions).as(file + ": " + kind).contains(apiVersion.substring("kafka.strimzi.io/".length()));
			return Serialization.jsonMapper().convertValue(document, strimzi);
		}
		if (WITHOUT_MODEL.contains(apiVersion + " " + kind)) {
			return Serialization.jsonMapper().convertValue(document, GenericKubernetesResource.class);
		}
		return Serialization.jsonMapper().convertValue(document, KubernetesResource.class);
	}

	/**
	 * Collects the fields a model kept aside because it does not know them (a misspelt
	 * field, or one at the wrong level), walking the model's getters.
	 */
	private static void unknownFields(Object model, String path, List<String> unknown) {
		if (model instanceof Collection<?> items) {
			int i = 0;
			for (Object item : items) {
				unknownFields(item, path + "[" + i++ + "]", unknown);
			}
			return;
		}
		if (model instanceof Map<?, ?> entries) {
			entries.forEach((key, value) -> unknownFields(value, path + "." + key, unknown));
			return;
		}
		if (model == null || model.getClass().isEnum() || !(model.getClass().getName().startsWith("io.fabric8.")
				|| model.getClass().getName().startsWith("io.strimzi."))) {
			return;
		}
		for (Method getter : model.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
					|| getter.getDeclaringClass() == Object.class || Modifier.isStatic(getter.getModifiers())) {
				continue;
			}
			Object value;
			try {
				value = getter.invoke(model);
			}
			catch (IllegalAccessException | InvocationTargetException ex) {
				continue;
			}
			if (getter.getName().equals("getAdditionalProperties")) {
				if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
					unknown.add(path + ": " + extra.keySet());
				}
			}
			else if (value != model) {
				unknownFields(value, path + "." + getter.getName().substring(3), unknown);
			}
		}
	}

	private static String name(Object resource) {
		return (resource instanceof HasMetadata meta) ? meta.getKind() + " " + meta.getMetadata().getName()
				: resource.getClass().getSimpleName();
	}

	private static <T> List<T> of(Class<T> kind) {
		return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
	}

	private static <T extends HasMetadata> T named(Class<T> kind, String name) {
		return of(kind).stream()
			.filter(resource -> resource.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
	}

	private static List<GenericKubernetesResource> generic(String kind) {
		return of(GenericKubernetesResource.class).stream()
			.filter(resource -> resource.getKind().equals(kind))
			.toList();
	}

}
