package org.ihospital.commons.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/** The architecture every service keeps; each service's ArchitectureTest applies these to its own classes. */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** Domain classes (everything but resources, repositories, services, handlers and infrastructure) stay framework-free. */
    public static ArchRule domainImportsNoFramework() {
        return noClasses()
                .that().haveSimpleNameNotEndingWith("Resource")
                .and().haveSimpleNameNotEndingWith("Repository")
                .and().haveSimpleNameNotEndingWith("Handler")
                .and().haveSimpleNameNotEndingWith("Service")
                .and().resideOutsideOfPackage("..infrastructure..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "io.quarkus..", "org.apache.kafka..",
                        "io.smallrye.reactive.messaging..", "io.vertx..", "org.eclipse.microprofile.reactive.messaging..")
                .because("the rules of the hospital must read without the frameworks that carry them (STYLE.md)");
    }
}
