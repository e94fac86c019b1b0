package org.ihospital.pharmacy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Domain classes (everything but resources, repositories, handlers and infrastructure) stay framework-free. */
@AnalyzeClasses(packages = "org.ihospital.pharmacy", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainImportsNoFramework = noClasses()
            .that().haveSimpleNameNotEndingWith("Resource")
            .and().haveSimpleNameNotEndingWith("Repository")
            .and().haveSimpleNameNotEndingWith("Handler")
            .and().haveSimpleNameNotEndingWith("Service")
            .and().resideOutsideOfPackage("..infrastructure..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "io.quarkus..", "org.apache.kafka..",
                    "io.smallrye.reactive.messaging..", "io.vertx..", "org.eclipse.microprofile.reactive.messaging..");
}
