package org.ihospital.commons.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CloudEventTypeTest {

    @Test
    void rendersTheCatalogueForm() {
        assertThat(CloudEventType.of("prescription.issued")).hasToString("hospital.prescription.issued.v1");
        assertThat(CloudEventType.of("order.created", 2)).hasToString("hospital.order.created.v2");
    }

    @Test
    void parsesWhatItRenders() {
        CloudEventType type = CloudEventType.parse("hospital.claim.adjudicated.v1");
        assertThat(type).isEqualTo(new CloudEventType("claim", "adjudicated", 1));
        assertThat(type.name()).isEqualTo("claim.adjudicated");
    }

    @Test
    void refusesForeignOrMalformedTypes() {
        assertThatThrownBy(() -> CloudEventType.parse("com.example.thing.v1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CloudEventType.parse("hospital.order.created")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CloudEventType.of("Order.Created")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CloudEventType.of("order.created", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
