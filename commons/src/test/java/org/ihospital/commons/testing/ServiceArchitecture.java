package org.ihospital.commons.testing;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Every rule of {@link ArchitectureRules}, as the one set each service's ArchitectureTest includes:
 * {@code @ArchTest static final ArchTests rules = ArchTests.in(ServiceArchitecture.class);}
 */
public final class ServiceArchitecture {

    @ArchTest
    public static final ArchRule domainImportsNoFramework = ArchitectureRules.domainImportsNoFramework();

    @ArchTest
    public static final ArchRule servicesSpeakNeitherHttpNorKafka = ArchitectureRules.servicesSpeakNeitherHttpNorKafka();

    @ArchTest
    public static final ArchRule resourcesStayThin = ArchitectureRules.resourcesStayThin();

    @ArchTest
    public static final ArchRule handlersDelegateToServices = ArchitectureRules.handlersDelegateToServices();

    @ArchTest
    public static final ArchRule repositoriesArePrivateToTheirPackage = ArchitectureRules.repositoriesArePrivateToTheirPackage();

    /** The aggregate packages of whichever service is analysed ({@code org.ihospital.<service>.<package>}). */
    @ArchTest
    public static final ArchRule packagesFreeOfCycles = ArchitectureRules.packagesFreeOfCycles("org.ihospital.*");

    private ServiceArchitecture() {
    }
}
