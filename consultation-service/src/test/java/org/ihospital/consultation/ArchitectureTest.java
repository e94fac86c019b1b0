package org.ihospital.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import org.ihospital.commons.testing.ServiceArchitecture;
import org.ihospital.commons.testing.TableOwnership;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

/** The shape of docs/architecture.md, held against the code. Each rule fails when broken on purpose (see the ADR). */
@AnalyzeClasses(packages = "org.ihospital.consultation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests everyServiceKeeps = ArchTests.in(ServiceArchitecture.class);

    /** Tables without an entity of their own (the audit chain is written and read with plain SQL), and who owns them. */
    static TableOwnership ownership() {
        return TableOwnership.of("org.ihospital.consultation").owns("audit", "audit_log", "audit_checkpoint", "audit_head");
    }

    @Test
    void everyTableHasAnOwningPackage() {
        assertThat(ownership().unowned()).isEmpty();
    }

    @Test
    void noPackageNamesAnotherPackagesTables() {
        assertThat(ownership().trespasses()).isEmpty();
    }
}
