package org.ihospital.pharmacy;

import org.ihospital.commons.testing.ArchitectureRules;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.ihospital.pharmacy", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainImportsNoFramework = ArchitectureRules.domainImportsNoFramework();

    @ArchTest
    static final ArchRule servicesSpeakNeitherHttpNorKafka = ArchitectureRules.servicesSpeakNeitherHttpNorKafka();

    @ArchTest
    static final ArchRule resourcesStayThin = ArchitectureRules.resourcesStayThin();

    @ArchTest
    static final ArchRule handlersDelegateToServices = ArchitectureRules.handlersDelegateToServices();

    @ArchTest
    static final ArchRule repositoriesArePrivateToTheirPackage = ArchitectureRules.repositoriesArePrivateToTheirPackage();

    @ArchTest
    static final ArchRule packagesFreeOfCycles = ArchitectureRules.packagesFreeOfCycles("org.ihospital.pharmacy");

    @org.junit.jupiter.api.Test
    void noPackageNamesAnotherPackagesTables() {
        var ownership = org.ihospital.commons.testing.TableOwnership.of("org.ihospital.pharmacy");
        org.assertj.core.api.Assertions.assertThat(ownership.unowned()).isEmpty();
        org.assertj.core.api.Assertions.assertThat(ownership.trespasses()).isEmpty();
    }
}
