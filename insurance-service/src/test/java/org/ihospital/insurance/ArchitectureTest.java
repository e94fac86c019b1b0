package org.ihospital.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import org.ihospital.commons.testing.ServiceArchitecture;
import org.ihospital.commons.testing.TableOwnership;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

/** The shape of docs/architecture.md, held against the code (the rules every service keeps). */
@AnalyzeClasses(packages = "org.ihospital.insurance", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests everyServiceKeeps = ArchTests.in(ServiceArchitecture.class);

    @Test
    void everyTableHasAnOwningPackage() {
        assertThat(TableOwnership.of("org.ihospital.insurance").unowned()).isEmpty();
    }

    @Test
    void noPackageNamesAnotherPackagesTables() {
        assertThat(TableOwnership.of("org.ihospital.insurance").trespasses()).isEmpty();
    }
}
