package org.ihospital.consultation.consult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.ihospital.commons.problem.InvalidField;
import org.junit.jupiter.api.Test;

/** A consultation is diagnosed from the ICD-10 list and completed once; messages carry text, images, or both. */
class ConsultationRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T02:00:00Z");
    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0 };
    private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0 };

    private static Consultation open() {
        return Consultation.open(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), NOW);
    }

    @Test
    void aDiagnosisMustBeOnTheHospitalsIcd10List() {
        Consultation c = open();
        assertThatThrownBy(() -> c.diagnose("Z99.999", "", "doctor", NOW)).isInstanceOf(UnknownIcd10Code.class);
        c.diagnose("I10", "stable", "doctor", NOW);
        assertThat(c.codes()).containsExactly("I10");
    }

    @Test
    void completingNeedsADiagnosisAndPublishesTheCodesOnce() {
        Consultation c = open();
        assertThatThrownBy(() -> c.complete(NOW)).isInstanceOf(ConsultationProblems.DiagnosisRequired.class);
        c.diagnose("I10", "", "doctor", NOW);
        c.diagnose("E11.9", "", "doctor", NOW);
        c.diagnose("I10", "again", "doctor", NOW);
        c.complete(NOW.plusSeconds(600));
        assertThat(c.status()).isEqualTo(Consultation.Status.COMPLETED);
        assertThat(c.drainEvents()).singleElement().satisfies(e -> {
            assertThat(e.type().name()).isEqualTo("consultation.completed");
            assertThat(((ConsultationEvents.ConsultationCompleted) e.data()).diagnoses()).containsExactly("I10", "E11.9");
        });
        assertThatThrownBy(() -> c.complete(NOW)).isInstanceOf(ConsultationProblems.AlreadyCompleted.class);
        assertThatThrownBy(() -> c.diagnose("I10", "", "doctor", NOW)).isInstanceOf(ConsultationProblems.AlreadyCompleted.class);
    }

    @Test
    void aCompletedConsultationTakesNoMessages() {
        Consultation c = open();
        c.diagnose("I10", "", "doctor", NOW);
        c.complete(NOW);
        assertThatThrownBy(() -> Message.of(c, Message.Sender.PATIENT, new MessageDraft("thanks", List.of()), NOW))
                .isInstanceOf(ConsultationProblems.AlreadyCompleted.class);
    }

    @Test
    void imagesAreRecognisedByTheirContentNotTheirName() {
        assertThat(ImageUpload.recognise("x.jpg", PNG).mediaType()).isEqualTo("image/png");
        assertThat(ImageUpload.recognise("x.png", JPEG).mediaType()).isEqualTo("image/jpeg");
        assertThatThrownBy(() -> ImageUpload.recognise("report.png", "%PDF-1.7".getBytes()))
                .isInstanceOf(ConsultationProblems.UnacceptableImage.class);
        assertThatThrownBy(() -> ImageUpload.recognise("empty.png", new byte[0])).isInstanceOf(ConsultationProblems.UnacceptableImage.class);
        assertThatThrownBy(() -> ImageUpload.requireSize("big.jpg", ImageUpload.MAX_BYTES + 1L))
                .isInstanceOf(ConsultationProblems.UnacceptableImage.class);
    }

    @Test
    void aMessageHasTextImagesOrBothWithinItsLimits() {
        assertThatThrownBy(() -> new MessageDraft("   ", List.of())).isInstanceOf(ConsultationProblems.EmptyMessage.class);
        assertThatThrownBy(() -> new MessageDraft("x".repeat(MessageDraft.MAX_TEXT + 1), List.of())).isInstanceOf(InvalidField.class);
        var image = ImageUpload.recognise("a.png", PNG);
        assertThatThrownBy(() -> new MessageDraft(null, Collections.nCopies(MessageDraft.MAX_IMAGES + 1, image)))
                .isInstanceOf(ConsultationProblems.UnacceptableImage.class);
        assertThat(new MessageDraft(null, List.of(image)).text()).isEmpty();
        assertThat(new MessageDraft("  blood pressure 150/95 this morning  ", List.of()).text())
                .isEqualTo("blood pressure 150/95 this morning");
    }
}
