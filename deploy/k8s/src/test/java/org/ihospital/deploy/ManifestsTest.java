package org.ihospital.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Renders every overlay with {@code kubectl kustomize} (skipped, saying so, where kubectl is not installed),
 * reads every object with the fabric8 Kubernetes model, and checks what operators rely on without reading the
 * Java: every Deployment is locked down, sized, probed, autoscaled, covered by a disruption budget and a
 * network policy; the namespace denies by default; no secret value and no {@code latest} image is in git.
 */
class ManifestsTest {

    private static final Path K8S = Path.of(System.getProperty("user.dir"));

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyDeploymentIsLockedDownSizedProbedAndCovered(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        List<Deployment> deployments = of(objects, Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("consultation-service", "pharmacy-service", "insurance-service", "gateway");

        for (Deployment d : deployments) {
            String name = d.getMetadata().getName();
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            var pod = d.getSpec().getTemplate().getSpec();
            assertThat(d.getMetadata().getNamespace()).as(name).isEqualTo("hospital");
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " runs as non-root").isTrue();
            assertThat(pod.getAutomountServiceAccountToken()).as(name + " mounts no service-account token").isFalse();
            for (Container c : pod.getContainers()) {
                assertThat(c.getImage()).as(name + " image").contains(":").doesNotEndWith(":latest");
                assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(name + " read-only root").isTrue();
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
                assertThat(c.getSecurityContext().getCapabilities().getDrop()).as(name + " drops capabilities").contains("ALL");
                assertThat(c.getResources().getRequests()).as(name + " requests").containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(name + " limits").containsKeys("cpu", "memory");
                assertThat(c.getStartupProbe()).as(name + " startup probe").isNotNull();
                assertThat(c.getReadinessProbe().getHttpGet().getPath()).as(name).isEqualTo("/q/health/ready");
                assertThat(c.getLivenessProbe().getHttpGet().getPath()).as(name).isEqualTo("/q/health/live");
            }
            assertThat(of(objects, PodDisruptionBudget.class)).as(name + " has a disruption budget")
                    .anyMatch(p -> selects(p.getSpec().getSelector(), labels));
            assertThat(of(objects, NetworkPolicy.class)).as(name + " has a network policy of its own")
                    .anyMatch(p -> !p.getSpec().getPodSelector().getMatchLabels().isEmpty() && selects(p.getSpec().getPodSelector(), labels));
            assertThat(of(objects, HorizontalPodAutoscaler.class)).as(name + " is autoscaled")
                    .anyMatch(h -> h.getSpec().getScaleTargetRef().getName().equals(name));
        }

        // deny by default: a policy selecting every pod, with both directions and no rule
        assertThat(of(objects, NetworkPolicy.class)).as("a default-deny policy").anyMatch(p -> {
            Map<String, String> selected = p.getSpec().getPodSelector().getMatchLabels();
            return (selected == null || selected.isEmpty()) && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                    && p.getSpec().getIngress().isEmpty() && p.getSpec().getEgress().isEmpty();
        });
        // secrets are referenced, never carried
        assertThat(objects).noneMatch(o -> o.getKind().equals("Secret"));
        for (ConfigMap cm : of(objects, ConfigMap.class)) {
            assertThat(cm.getData().keySet()).as(cm.getMetadata().getName() + " holds no secret")
                    .noneMatch(k -> k.matches(".*(SECRET|PASSWORD|PRIVATE|_KEY$).*"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "prod" })
    void productionSurvivesANodeAndADrain(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        for (Deployment d : of(objects, Deployment.class)) {
            String name = d.getMetadata().getName();
            assertThat(d.getSpec().getReplicas()).as(name + " replicas").isGreaterThanOrEqualTo(3);
            assertThat(d.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                    .getRequiredDuringSchedulingIgnoredDuringExecution()).as(name + " one pod per node").isNotEmpty();
        }
        for (PodDisruptionBudget p : of(objects, PodDisruptionBudget.class)) {
            assertThat(p.getSpec().getMinAvailable().getIntVal()).as(p.getMetadata().getName()).isGreaterThanOrEqualTo(2);
        }
        for (HorizontalPodAutoscaler h : of(objects, HorizontalPodAutoscaler.class)) {
            assertThat(h.getSpec().getMinReplicas()).as(h.getMetadata().getName()).isGreaterThanOrEqualTo(3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyTopicTheServicesUseIsAKafkaTopic(String overlay) throws Exception {
        List<HasMetadata> topics = render(overlay).stream().filter(o -> o.getKind().equals("KafkaTopic")).toList();
        Set<String> declared = topics.stream().map(o -> o.getMetadata().getName()).collect(Collectors.toSet());
        Path repo = K8S.resolve("../..").normalize();
        Set<String> used = new TreeSet<>();
        // the event contracts' channels
        Matcher address = Pattern.compile("(?m)^\\s+address:\\s*(\\S+)\\s*$")
                .matcher(Files.readString(repo.resolve("contracts/src/main/resources/contracts/asyncapi.yaml")));
        while (address.find()) {
            used.add(address.group(1));
        }
        // what each service consumes, and its dead-letter topic (the commons default: <application name>.dead-letter)
        for (String service : List.of("consultation-service", "pharmacy-service", "insurance-service")) {
            Properties p = new Properties();
            try (var in = Files.newInputStream(repo.resolve(service).resolve("src/main/resources/application.properties"))) {
                p.load(in);
            }
            p.stringPropertyNames().stream().filter(k -> k.startsWith("mp.messaging.") && k.endsWith(".topic"))
                    .map(p::getProperty).forEach(used::add);
            used.add(p.getProperty("hospital.messaging.dead-letter-topic", p.getProperty("quarkus.application.name") + ".dead-letter"));
        }
        assertThat(used).as("topics found").hasSizeGreaterThan(5);
        assertThat(declared).as("KafkaTopics of " + overlay).containsAll(used);

        for (HasMetadata topic : topics) {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) ((GenericKubernetesResource) topic).getAdditionalProperties().get("spec");
            assertThat(spec.get("replicas")).as(topic.getMetadata().getName() + " replicas").isEqualTo(3);
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) spec.get("config");
            assertThat(config.get("min.insync.replicas")).as(topic.getMetadata().getName() + " min ISR").isEqualTo(2);
        }
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null && selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()
                && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    private static <T> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<HasMetadata> render(String overlay) throws IOException, InterruptedException {
        Path dir = K8S.resolve("overlays").resolve(overlay);
        assumeTrue(Files.isDirectory(dir), "no overlay " + dir);
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        } catch (IOException e) {
            assumeTrue(false, "kubectl is not installed here: the manifests are not rendered (" + e.getMessage() + ")");
            throw e;
        }
        byte[] out = kubectl.getInputStream().readAllBytes();
        String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as("kubectl kustomize " + overlay + ": " + err).isZero();
        String yaml = new String(out, StandardCharsets.UTF_8);
        List<HasMetadata> objects = new java.util.ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (!doc.isBlank()) {
                Object parsed = Serialization.unmarshal(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)));
                if (parsed instanceof KubernetesList list) {
                    objects.addAll(list.getItems());
                } else {
                    objects.add((HasMetadata) parsed);
                }
            }
        }
        assertThat(objects).as("objects rendered from " + overlay).isNotEmpty();
        return objects;
    }
}
