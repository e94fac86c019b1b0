package org.ihospital.pharmacy;

import org.ihospital.commons.testing.ServiceHealthContract;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest extends ServiceHealthContract {
}
