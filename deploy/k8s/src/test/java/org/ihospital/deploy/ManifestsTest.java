package org.ihospital.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Renders every overlay once with {@code kubectl kustomize} (skipped, saying so, where kubectl is not installed),
 * reads every object with the fabric8 Kubernetes model, and checks what operators rely on without reading the
 * Java: every Deployment is locked down, sized, probed, autoscaled, covered by a disruption budget and a network
 * policy; the namespace denies by default; no secret value and no floating image is in git, and every Secret named
 * is documented; every database is a CloudNativePG cluster that is backed up and reached only by its service; the
 * realm has no user, no password grant and no secret; every alert has a runbook in docs/operations.md and watches
 * metrics the services expose.
 */
class ManifestsTest {

    private static final Path K8S = Path.of(System.getProperty("user.dir"));
    private static final Path REPO = K8S.resolve("../..").normalize();

    /** The hospital's own metrics (Micrometer, Prometheus names): an alert or a panel naming another watches nothing. */
    private static final Set<String> HOSPITAL_METRICS = Set.of(
            "hospital_outbox_pending", "hospital_outbox_oldest_pending_age_seconds", "hospital_outbox_parked",
            "hospital_inbox_dead_letters", "hospital_review_queue_length", "hospital_review_queue_oldest_age_seconds",
            "hospital_webhooks_delivered_total", "hospital_webhooks_attempts_failed_total", "hospital_webhooks_failed_total",
            "hospital_journeys_completed_total", "hospital_journeys_failed_total", "hospital_claims_flagged_total",
            "hospital_claims_on_hold", "hospital_payers_answered_total", "hospital_payers_failed_total",
            "hospital_payers_attempts_failed_total", "hospital_prescriptions_invalid_signature_total",
            "hospital_notifications_pending", "hospital_notifications_failed_total");
    private static final Pattern HOSPITAL_METRIC = Pattern.compile("\\bhospital_[a-z0-9_]+");

    /** Each overlay is rendered once per run; the tests only read what came out. */
    private static final Map<String, List<HasMetadata>> RENDERED = new HashMap<>();

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
        for (Map<String, Object> cluster : trees(objects, "Cluster")) {
            String name = name(cluster);
            assertThat(at(cluster, "spec.instances")).as(name + " instances").isEqualTo(3);
            assertThat(at(cluster, "spec.affinity.podAntiAffinityType")).as(name + " one instance per node").isEqualTo("required");
        }
        assertThat(trees(objects, "Keycloak")).as("Keycloak").singleElement()
                .satisfies(k -> assertThat((Integer) at(k, "spec.instances")).as("Keycloak instances").isGreaterThanOrEqualTo(2));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev" })
    void developmentRunsOneInstanceOfEachDatabaseAndOfKeycloak(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        List<Map<String, Object>> stateful = new ArrayList<>(trees(objects, "Cluster"));
        stateful.addAll(trees(objects, "Keycloak"));
        assertThat(stateful).as("Clusters and Keycloak").hasSizeGreaterThanOrEqualTo(5);
        for (Map<String, Object> o : stateful) {
            assertThat(at(o, "spec.instances")).as(o.get("kind") + " " + name(o) + " instances").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyTopicTheServicesUseIsAKafkaTopic(String overlay) throws Exception {
        List<Map<String, Object>> topics = trees(render(overlay), "KafkaTopic");
        Set<String> declared = topics.stream().map(ManifestsTest::name).collect(Collectors.toSet());
        Set<String> used = new TreeSet<>();
        // the event contracts' channels
        Matcher address = Pattern.compile("(?m)^\\s+address:\\s*(\\S+)\\s*$")
                .matcher(Files.readString(REPO.resolve("contracts/src/main/resources/contracts/asyncapi.yaml")));
        while (address.find()) {
            used.add(address.group(1));
        }
        // what each service consumes, and its dead-letter topic (the commons default: <application name>.dead-letter)
        for (String service : List.of("consultation-service", "pharmacy-service", "insurance-service")) {
            Properties p = properties(service);
            p.stringPropertyNames().stream().filter(k -> k.startsWith("mp.messaging.") && k.endsWith(".topic"))
                    .map(p::getProperty).forEach(used::add);
            used.add(p.getProperty("hospital.messaging.dead-letter-topic", p.getProperty("quarkus.application.name") + ".dead-letter"));
        }
        assertThat(used).as("topics found").hasSizeGreaterThan(5);
        assertThat(declared).as("KafkaTopics of " + overlay).containsAll(used);

        for (Map<String, Object> topic : topics) {
            assertThat(at(topic, "spec.replicas")).as(name(topic) + " replicas").isEqualTo(3);
            assertThat(at(topic, "spec.config.min\\.insync\\.replicas")).as(name(topic) + " min ISR").isEqualTo(2);
        }
    }

    /**
     * Every database (each service's HOSPITAL_PG_HOST, Keycloak's db.host) is a CloudNativePG Cluster with the database
     * the client names, WAL archived to the object store with credentials by Secret name, a retention, a PodMonitor, a
     * nightly ScheduledBackup, and a network policy of its pods; the Deployments take the database roles from the very
     * Secrets the Cluster gives those roles (keys username and password), never through envFrom.
     */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyDatabaseIsABackedUpClusterAndItsServiceUsesItsRoles(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        Map<String, Map<String, Object>> clusters = trees(objects, "Cluster").stream()
                .collect(Collectors.toMap(ManifestsTest::name, c -> c));
        Map<String, String> databaseOf = new HashMap<>(); // cluster -> the database its client names

        for (Deployment d : of(objects, Deployment.class)) {
            Map<String, String> config = configOf(d, objects);
            String host = config.get("HOSPITAL_PG_HOST");
            if (host == null) {
                continue; // the gateway has no database
            }
            String name = d.getMetadata().getName();
            assertThat(host).as(name + " connects to a cluster's primary").endsWith("-rw");
            String cluster = host.substring(0, host.length() - "-rw".length());
            databaseOf.put(cluster, config.get("HOSPITAL_DB_NAME"));
            assertThat(clusters).as(name + "'s database " + cluster).containsKey(cluster);
            Map<String, Object> spec = clusters.get(cluster);

            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, SecretKeySelector> env = Optional.ofNullable(c.getEnv()).orElse(List.of()).stream()
                    .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .collect(Collectors.toMap(EnvVar::getName, e -> e.getValueFrom().getSecretKeyRef()));
            String userSecret = credentials(name, env, "HOSPITAL_DB_USER", "HOSPITAL_DB_PASSWORD");
            String initdbSecret = (String) at(spec, "spec.bootstrap.initdb.secret.name");
            if (env.containsKey("HOSPITAL_DB_OWNER")) {
                // migrations as the owner, the service as a role the Cluster manages
                assertThat(credentials(name, env, "HOSPITAL_DB_OWNER", "HOSPITAL_DB_OWNER_PASSWORD"))
                        .as(name + " migrates as the database's owner").isEqualTo(initdbSecret);
                assertThat(managedRoleSecrets(spec)).as(name + " runs as a role " + cluster + " manages").contains(userSecret);
            } else {
                assertThat(userSecret).as(name + " runs as the database's owner").isEqualTo(initdbSecret);
            }
            Set<String> fromEnvFrom = Optional.ofNullable(c.getEnvFrom()).orElse(List.of()).stream()
                    .map(EnvFromSource::getSecretRef).filter(Objects::nonNull).map(r -> r.getName()).collect(Collectors.toSet());
            assertThat(fromEnvFrom).as(name + ": the database's Secrets are read key by key, not whole")
                    .doesNotContain(userSecret, initdbSecret).noneMatch(s -> s.endsWith("-db"));
        }
        for (Map<String, Object> keycloak : trees(objects, "Keycloak")) {
            String cluster = ((String) at(keycloak, "spec.db.host")).replaceFirst("-rw$", "");
            databaseOf.put(cluster, (String) at(keycloak, "spec.db.database"));
            assertThat(clusters).as("Keycloak's database " + cluster).containsKey(cluster);
            assertThat(at(keycloak, "spec.db.usernameSecret.name")).as("Keycloak's database role")
                    .isEqualTo(at(clusters.get(cluster), "spec.bootstrap.initdb.secret.name"));
        }
        assertThat(databaseOf.keySet()).as("clusters in " + overlay + ", each used by its client")
                .hasSize(4).containsExactlyInAnyOrderElementsOf(clusters.keySet());

        Set<String> paths = new HashSet<>();
        List<Map<String, Object>> scheduled = trees(objects, "ScheduledBackup");
        for (var entry : clusters.entrySet()) {
            String name = entry.getKey();
            Map<String, Object> c = entry.getValue();
            assertThat(at(c, "spec.bootstrap.initdb.database")).as(name + " database").isEqualTo(databaseOf.get(name));
            assertThat(at(c, "spec.primaryUpdateStrategy")).as(name).isEqualTo("unsupervised");
            assertThat(at(c, "spec.monitoring.enablePodMonitor")).as(name + " is scraped").isEqualTo(true);
            assertThat((String) at(c, "spec.backup.retentionPolicy")).as(name + " retention").matches("\\d+[dwm]");
            String path = (String) at(c, "spec.backup.barmanObjectStore.destinationPath");
            assertThat(path).as(name + " archives to the object store").startsWith("s3://");
            assertThat(paths.add(path)).as(name + " archives to a path of its own: " + path).isTrue();
            assertThat(at(c, "spec.backup.barmanObjectStore.wal.compression")).as(name + " compresses WAL").isNotNull();
            for (String key : List.of("accessKeyId", "secretAccessKey")) {
                assertThat(cast(at(c, "spec.backup.barmanObjectStore.s3Credentials." + key)))
                        .as(name + " takes " + key + " from a Secret by name").containsOnlyKeys("name", "key");
            }
            assertThat(scheduled).as(name + " has a nightly ScheduledBackup").anyMatch(b -> name.equals(at(b, "spec.cluster.name"))
                    && "barmanObjectStore".equals(at(b, "spec.method"))
                    // CloudNativePG's schedule has six fields, seconds first: five would run every minute
                    && ((String) at(b, "spec.schedule")).trim().split("\\s+").length == 6);
            assertThat(of(objects, NetworkPolicy.class)).as(name + "'s pods have a network policy of their own")
                    .anyMatch(p -> selects(p.getSpec().getPodSelector(), Map.of("cnpg.io/cluster", name))
                            && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress")));
        }
    }

    @Test
    void noTwoEnvironmentsArchiveToTheSameObjectStorePath() throws Exception {
        Set<String> dev = destinationPaths(render("dev"));
        Set<String> prod = destinationPaths(render("prod"));
        assertThat(dev).as("dev's backup paths").hasSize(4).doesNotContainAnyElementsOf(prod);
    }

    /**
     * The production realm: no users, no password grant (every client says so), no client secret in git, brute-force
     * protection, TLS outside the cluster, PKCE for the public client; and a client for every audience the services
     * require, which the public client's tokens name.
     */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void theRealmHasNoUsersNoPasswordGrantAndNoSecret(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        List<Map<String, Object>> imports = trees(objects, "KeycloakRealmImport");
        assertThat(imports).as("realm imports").hasSize(1);
        assertThat(at(imports.get(0), "spec.keycloakCRName")).isEqualTo(name(trees(objects, "Keycloak").get(0)));
        @SuppressWarnings("unchecked")
        Map<String, Object> realm = (Map<String, Object>) at(imports.get(0), "spec.realm");

        assertThat((List<?>) realm.get("users")).as("users in the realm").isNullOrEmpty();
        assertThat(realm.get("bruteForceProtected")).as("brute-force protection").isEqualTo(true);
        assertThat(realm.get("sslRequired")).as("TLS required").isIn("external", "all");
        assertThat((String) realm.get("passwordPolicy")).as("password policy").contains("length(12)");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> clients = (List<Map<String, Object>>) realm.get("clients");
        for (Map<String, Object> client : clients) {
            String id = (String) client.get("clientId");
            assertThat(client.get("directAccessGrantsEnabled")).as(id + ": no password grant, said explicitly").isEqualTo(false);
            assertThat(client.get("implicitFlowEnabled")).as(id + ": no implicit flow").isNotEqualTo(true);
            assertThat(client).as(id + ": no secret in git").doesNotContainKey("secret");
            if (Boolean.TRUE.equals(client.get("publicClient"))) {
                assertThat(at(client, "attributes.pkce\\.code\\.challenge\\.method")).as(id + " requires PKCE").isEqualTo("S256");
            }
        }
        Map<String, Map<String, Object>> byId = clients.stream().collect(Collectors.toMap(c -> (String) c.get("clientId"), c -> c));
        Set<String> appAudiences = audiences(byId.get("hospital-app"));
        for (String service : List.of("consultation-service", "pharmacy-service", "insurance-service", "gateway")) {
            String audience = properties(service).getProperty("quarkus.oidc.token.audience");
            assertThat(byId).as("a client for the audience " + service + " requires").containsKey(audience);
            assertThat(appAudiences).as("hospital-app's tokens reach " + service).contains(audience);
        }
    }

    /** Every alert names a runbook heading of docs/operations.md and only metrics the services expose. */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyAlertHasARunbookAndWatchesWhatTheServicesExpose(String overlay) throws Exception {
        Set<String> anchors = anchors(REPO.resolve("docs/operations.md"));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> rule : trees(render(overlay), "PrometheusRule")) {
            for (Object group : (List<?>) at(rule, "spec.groups")) {
                for (Object r : (List<?>) ((Map<?, ?>) group).get("rules")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> one = (Map<String, Object>) r;
                    if (one.containsKey("alert")) {
                        rules.add(one);
                    }
                }
            }
        }
        assertThat(rules).as("alerts").hasSizeGreaterThanOrEqualTo(10);
        for (Map<String, Object> rule : rules) {
            String alert = (String) rule.get("alert");
            assertThat(at(rule, "labels.severity")).as(alert + " severity").isIn("critical", "warning");
            String runbook = (String) at(rule, "annotations.runbook_url");
            assertThat(runbook).as(alert + " runbook").isNotNull().startsWith("docs/operations.md#");
            assertThat(anchors).as(alert + ": a heading of docs/operations.md for " + runbook)
                    .contains(runbook.substring(runbook.indexOf('#') + 1));
            assertThat(hospitalMetrics((String) rule.get("expr"))).as(alert + " watches metrics the services expose")
                    .isSubsetOf(HOSPITAL_METRICS);
        }
    }

    /** Every service is scraped on its management port; the dashboard shows every hospital metric and no other. */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyServiceIsScrapedAndTheDashboardShowsItsMetrics(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        List<Map<String, Object>> monitors = trees(objects, "PodMonitor");
        for (Deployment d : of(objects, Deployment.class)) {
            String name = d.getMetadata().getName();
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            Set<String> ports = d.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                    .map(p -> p.getName()).collect(Collectors.toSet());
            assertThat(monitors).as(name + " is scraped at /q/metrics on a port it has").anyMatch(m -> {
                @SuppressWarnings("unchecked")
                Map<String, String> selector = (Map<String, String>) at(m, "spec.selector.matchLabels");
                Map<?, ?> endpoint = (Map<?, ?>) ((List<?>) at(m, "spec.podMetricsEndpoints")).get(0);
                return selector != null && labels.entrySet().containsAll(selector.entrySet())
                        && d.getMetadata().getNamespace().equals(at(m, "metadata.namespace"))
                        && "/q/metrics".equals(endpoint.get("path")) && ports.contains(endpoint.get("port"));
            });
        }

        List<ConfigMap> dashboards = of(objects, ConfigMap.class).stream()
                .filter(cm -> "1".equals(cm.getMetadata().getLabels().get("grafana_dashboard"))).toList();
        assertThat(dashboards).as("Grafana dashboards").hasSize(1);
        Set<String> shown = new TreeSet<>();
        for (String json : dashboards.get(0).getData().values()) {
            Map<?, ?> dashboard = Serialization.jsonMapper().readValue(json, Map.class);
            walk("", dashboard, (key, value) -> {
                if (key.equals("expr") && value instanceof String expr) {
                    shown.addAll(hospitalMetrics(expr));
                }
            });
        }
        assertThat(shown).as("hospital metrics on the dashboard").containsExactlyInAnyOrderElementsOf(HOSPITAL_METRICS);
    }

    /** Traces leave every service for the collector in namespace monitoring, and its network policy lets them. */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyServiceSendsTracesToTheCollector(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        for (Deployment d : of(objects, Deployment.class)) {
            String name = d.getMetadata().getName();
            assertThat(configOf(d, objects).get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT")).as(name + " OTLP endpoint")
                    .isEqualTo("http://otel-collector.monitoring:4317");
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(of(objects, NetworkPolicy.class)).as(name + " may reach namespace monitoring on 4317")
                    .anyMatch(p -> selects(p.getSpec().getPodSelector(), labels) && letsOut(p, "monitoring", 4317));
        }
    }

    /** Whether a policy has an egress rule to the namespace of that name on that port. */
    private static boolean letsOut(NetworkPolicy policy, String namespace, int port) {
        return policy.getSpec().getEgress().stream().anyMatch(rule -> rule.getTo().stream()
                .map(peer -> peer.getNamespaceSelector() == null ? null : peer.getNamespaceSelector().getMatchLabels())
                .anyMatch(selected -> selected != null && namespace.equals(selected.get("kubernetes.io/metadata.name")))
                && rule.getPorts().stream().map(NetworkPolicyPort::getPort)
                        .anyMatch(p -> p != null && Integer.valueOf(port).equals(p.getIntVal())));
    }

    /** Every Secret the manifests name (containers, the operators' resources) has its row in docs/operations.md. */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everySecretTheManifestsNameIsDocumented(String overlay) throws Exception {
        Set<String> named = new TreeSet<>();
        for (HasMetadata o : render(overlay)) {
            secretNames(null, tree(o), named);
        }
        assertThat(named).as("Secrets named").hasSizeGreaterThanOrEqualTo(10);
        String operations = Files.readString(REPO.resolve("docs/operations.md"));
        for (String secret : named) {
            assertThat(operations).as("docs/operations.md lists the Secret " + secret).contains("| `" + secret + "` |");
        }
    }

    /** Secret names under the keys that hold them: Kubernetes' references and the operators' fields. */
    private static void secretNames(String key, Object node, Set<String> out) {
        if (node instanceof Map<?, ?> map) {
            if (key != null && key.matches("secretRef|secretKeyRef|secret|passwordSecret|usernameSecret|accessKeyId|secretAccessKey")
                    && map.get("name") instanceof String name) {
                out.add(name);
            }
            map.forEach((k, v) -> secretNames(String.valueOf(k), v, out));
        } else if (node instanceof List<?> list) {
            list.forEach(item -> secretNames(key, item, out));
        } else if ("tlsSecret".equals(key) && node instanceof String name) {
            out.add(name);
        }
    }

    /**
     * Every image anywhere (containers, and the operators' imageName and image fields) names a tag that is not
     * latest, the CloudNativePG Clusters and Keycloak name theirs rather than float with their operator's default, and
     * no placeholder of the base is left for an overlay to set.
     */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyImageIsPinnedAndNoPlaceholderIsLeft(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        List<String> images = new ArrayList<>();
        for (HasMetadata o : objects) {
            walk("", tree(o), (key, value) -> {
                if ((key.equals("image") || key.equals("imageName")) && value instanceof String image) {
                    images.add(image);
                }
                if (value instanceof String text) {
                    assertThat(text).as(o.getKind() + " " + o.getMetadata().getName() + " " + key + ": a placeholder the overlay must set")
                            .doesNotContain("set-by-overlay");
                }
            });
        }
        assertThat(images).as("images").hasSizeGreaterThanOrEqualTo(9);
        for (String image : images) {
            assertThat(pinned(image)).as(image + " is pinned (a tag other than latest, or a digest)").isTrue();
        }
        for (Map<String, Object> cluster : trees(objects, "Cluster")) {
            assertThat(at(cluster, "spec.imageName")).as(name(cluster) + " names its image").isNotNull();
        }
        for (Map<String, Object> keycloak : trees(objects, "Keycloak")) {
            assertThat(at(keycloak, "spec.image")).as("Keycloak names its image").isNotNull();
        }
    }

    private static boolean pinned(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        return colon > 0 && colon < last.length() - 1 && !last.substring(colon + 1).equals("latest");
    }

    /** The Secret both keys come from (username and password of a basic-auth Secret). */
    private static String credentials(String who, Map<String, SecretKeySelector> env, String user, String password) {
        assertThat(env).as(who + " takes " + user + " and " + password + " from a Secret").containsKeys(user, password);
        assertThat(env.get(user).getKey()).as(who + " " + user).isEqualTo("username");
        assertThat(env.get(password).getKey()).as(who + " " + password).isEqualTo("password");
        assertThat(env.get(password).getName()).as(who + ": " + user + " and " + password + " of one Secret").isEqualTo(env.get(user).getName());
        return env.get(user).getName();
    }

    private static Set<String> managedRoleSecrets(Map<String, Object> cluster) {
        Object roles = at(cluster, "spec.managed.roles");
        if (!(roles instanceof List<?> list)) {
            return Set.of();
        }
        return list.stream().map(r -> (String) at(cast(r), "passwordSecret.name")).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    private static Set<String> audiences(Map<String, Object> client) {
        Object mappers = client.get("protocolMappers");
        if (!(mappers instanceof List<?> list)) {
            return Set.of();
        }
        return list.stream().map(m -> (String) at(cast(m), "config.included\\.client\\.audience")).filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }

    private static Set<String> destinationPaths(List<HasMetadata> objects) {
        return trees(objects, "Cluster").stream().map(c -> (String) at(c, "spec.backup.barmanObjectStore.destinationPath"))
                .collect(Collectors.toSet());
    }

    private static Set<String> hospitalMetrics(String expr) {
        Set<String> found = new TreeSet<>();
        Matcher m = HOSPITAL_METRIC.matcher(expr);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /** GitHub's anchors of a Markdown file's headings: lower case, only letters, digits, '-' and '_', spaces as '-'. */
    private static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new HashSet<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(markdown)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && line.matches("#{1,6} .*")) {
                String base = line.replaceFirst("^#+ ", "").trim().toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                String anchor = base;
                for (int n = 1; !anchors.add(anchor); n++) {
                    anchor = base + "-" + n;
                }
            }
        }
        return anchors;
    }

    /** The values of the ConfigMaps a Deployment's first container reads whole. */
    private static Map<String, String> configOf(Deployment d, List<HasMetadata> objects) {
        Set<String> names = Optional.ofNullable(d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom()).orElse(List.of())
                .stream().filter(e -> e.getConfigMapRef() != null).map(e -> e.getConfigMapRef().getName()).collect(Collectors.toSet());
        Map<String, String> config = new HashMap<>();
        of(objects, ConfigMap.class).stream().filter(cm -> names.contains(cm.getMetadata().getName())
                && Objects.equals(cm.getMetadata().getNamespace(), d.getMetadata().getNamespace())).forEach(cm -> config.putAll(cm.getData()));
        return config;
    }

    private static Properties properties(String service) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(REPO.resolve(service).resolve("src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p;
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null && selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()
                && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    private static <T> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Objects of a kind the fabric8 model has no class for (the operators' resources), as plain trees. */
    private static List<Map<String, Object>> trees(List<HasMetadata> objects, String kind) {
        return objects.stream().filter(o -> o.getKind().equals(kind)).map(ManifestsTest::tree).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(HasMetadata o) {
        return Serialization.jsonMapper().convertValue(o, Map.class);
    }

    private static String name(Map<String, Object> tree) {
        return (String) at(tree, "metadata.name");
    }

    /** The value at a dotted path ({@code \.} for a dot inside a key), or null. */
    private static Object at(Map<String, Object> tree, String path) {
        Object here = tree;
        for (String key : path.split("(?<!\\\\)\\.")) {
            if (!(here instanceof Map<?, ?> map)) {
                return null;
            }
            here = map.get(key.replace("\\.", "."));
        }
        return here;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }

    /** Every scalar of a tree with the key it stands under (a list's items under the list's key). */
    private static void walk(String key, Object node, BiConsumer<String, Object> visit) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(String.valueOf(k), v, visit));
        } else if (node instanceof List<?> list) {
            list.forEach(item -> walk(key, item, visit));
        } else {
            visit.accept(key, node);
        }
    }

    private static synchronized List<HasMetadata> render(String overlay) throws IOException, InterruptedException {
        List<HasMetadata> rendered = RENDERED.get(overlay);
        if (rendered == null) {
            rendered = kustomize(overlay);
            RENDERED.put(overlay, rendered);
        }
        return rendered;
    }

    private static List<HasMetadata> kustomize(String overlay) throws IOException, InterruptedException {
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
        List<HasMetadata> objects = new ArrayList<>();
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
        return List.copyOf(objects);
    }
}
