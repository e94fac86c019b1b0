package org.ihospital.commons.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The architecture every service keeps (docs/architecture.md); each service's ArchitectureTest applies
 * these to its own classes. An aggregate package holds four kinds of parts, told apart by their names:
 * {@code …Resource} (HTTP), {@code …Service} (use cases and transactions), {@code …Repository} (rows),
 * {@code …Handler} (one incoming stream), {@code …Queries} (what neighbours may ask of the package),
 * {@code …Metrics} (what operators count of its rows) — and
 * the domain: aggregates, value objects, policies, events and problems, which read without any framework.
 */
public final class ArchitectureRules {

    private static final String[] HTTP = { "jakarta.ws.rs..", "org.jboss.resteasy..", "io.quarkus.vertx.web.." };
    private static final String[] MESSAGING = { "org.apache.kafka..", "io.smallrye.reactive.messaging..",
            "org.eclipse.microprofile.reactive.messaging.." };
    private static final String[] SQL = { "io.vertx.sqlclient..", "io.vertx.mutiny.sqlclient..", "io.vertx.pgclient..",
            "io.vertx.mutiny.pgclient..", "org.hibernate..", "io.quarkus.hibernate..", "io.quarkus.panache.." };

    private ArchitectureRules() {
    }

    private static DescribedPredicate<JavaClass> named(String suffix) {
        return DescribedPredicate.describe("named *" + suffix, c -> c.getSimpleName().endsWith(suffix)
                || (c.isNestedClass() && c.getEnclosingClass().map(e -> e.getSimpleName().endsWith(suffix)).orElse(false)));
    }

    private static DescribedPredicate<JavaClass> domain() {
        return DescribedPredicate.describe("domain classes (not resources, services, queries, repositories, handlers, metrics or infrastructure)",
                c -> !named("Resource").test(c) && !named("Repository").test(c) && !named("Handler").test(c)
                        && !named("Service").test(c) && !named("Queries").test(c) && !named("Metrics").test(c)
                        && !c.getPackageName().contains(".infrastructure"));
    }

    /**
     * Aggregates, value objects, policies, events and problems stay framework-free: no HTTP, messaging,
     * Quarkus, Vert.x or CDI. (JPA mapping annotations are allowed on aggregates; a query interface may
     * answer with a Mutiny {@code Uni}.)
     */
    public static ArchRule domainImportsNoFramework() {
        return noClasses().that(domain())
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "io.quarkus..", "org.apache.kafka..",
                        "io.smallrye.reactive.messaging..", "io.vertx..", "org.hibernate.reactive..",
                        "org.eclipse.microprofile.reactive.messaging..", "jakarta.enterprise..", "jakarta.inject..")
                .because("the rules of the hospital must read, and be tested, without the frameworks that carry them (STYLE.md)");
    }

    /** A service owns use cases and transactions (a query interface answers neighbours): HTTP stays in resources, Kafka in handlers and the outbox. */
    public static ArchRule servicesSpeakNeitherHttpNorKafka() {
        return noClasses().that(named("Service")).or(named("Queries"))
                .should().dependOnClassesThat().resideInAnyPackage(concat(HTTP, MESSAGING))
                .because("a service is called by a resource or a handler and publishes through the outbox only")
                .allowEmptyShould(true);
    }

    /** A resource is thin: it turns HTTP into a call of one service, and never touches rows or Kafka itself. */
    public static ArchRule resourcesStayThin() {
        return noClasses().that(named("Resource"))
                .should().dependOnClassesThat(named("Repository"))
                .orShould().dependOnClassesThat().resideInAnyPackage(concat(SQL, MESSAGING))
                .because("a resource validates, calls one service method and maps the result (STYLE.md)")
                .allowEmptyShould(true);
    }

    /** A handler applies one incoming stream through the inbox and a service; it holds no rules and no SQL. */
    public static ArchRule handlersDelegateToServices() {
        return noClasses().that(named("Handler"))
                .should().dependOnClassesThat(named("Repository"))
                .orShould().dependOnClassesThat().resideInAnyPackage(concat(HTTP, SQL))
                .because("a handler checks the inbox, applies the change through a service and records the event id")
                .allowEmptyShould(true);
    }

    /** A repository is used by its own package only: a neighbour's facts come through its small query interface. */
    public static ArchRule repositoriesArePrivateToTheirPackage() {
        return classes().that(named("Repository")).should(new ArchCondition<JavaClass>("be used by their own package only") {
            @Override
            public void check(JavaClass repository, ConditionEvents events) {
                repository.getDirectDependenciesToSelf().stream()
                        .filter(d -> !d.getOriginClass().getPackageName().equals(repository.getPackageName()))
                        .forEach(d -> events.add(SimpleConditionEvent.violated(d, d.getDescription())));
            }
        }).because("a package reads only its own tables; what a neighbour needs it asks through a query interface (STYLE.md)")
                .allowEmptyShould(true);
    }

    /** The aggregate packages of {@code basePackage} form no cycle (STYLE.md: one side owns an interface the other implements). */
    public static ArchRule packagesFreeOfCycles(String basePackage) {
        return slices().matching(basePackage + ".(*)..").should().beFreeOfCycles();
    }

    private static String[] concat(String[]... groups) {
        return java.util.Arrays.stream(groups).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
