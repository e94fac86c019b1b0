package org.ihospital.consultation.consult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.ihospital.commons.problem.InvalidField;
import org.junit.jupiter.api.Test;

/** A consultation is diagnosed from the ICD-10 list and completed once; messages carry text, images, or both. */
class ConsultationRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T02:00:00Z");
    private static final byte[] PNG = encoded("png", 40, 30, BufferedImage.TYPE_INT_RGB);
    private static final byte[] JPEG = encoded("jpg", 40, 30, BufferedImage.TYPE_INT_RGB);

    static byte[] encoded(String format, int width, int height, int type) {
        BufferedImage picture = new BufferedImage(width, height, type);
        picture.setRGB(3, 4, 0xCC2200);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(picture, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

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
    void anImageIsDecodedToTheEndNotJudgedByItsFirstBytes() {
        byte[] pngHeaderThenGarbage = Arrays.copyOf(PNG, 64);
        for (int i = 8; i < 64; i++) {
            pngHeaderThenGarbage[i] = (byte) (i * 37);
        }
        assertThatThrownBy(() -> ImageUpload.recognise("x.png", pngHeaderThenGarbage))
                .isInstanceOf(ConsultationProblems.UnacceptableImage.class);
        assertThatThrownBy(() -> ImageUpload.recognise("half.png", Arrays.copyOf(PNG, PNG.length / 2)))
                .isInstanceOf(ConsultationProblems.UnacceptableImage.class);
        assertThatThrownBy(() -> ImageUpload.recognise("half.jpg", Arrays.copyOf(JPEG, JPEG.length / 2)))
                .isInstanceOf(ConsultationProblems.UnacceptableImage.class);
        // cut inside the scan data: the decoder only warns ("premature end"), and a warning is a refusal
        byte[] photo = encoded("jpg", 400, 300, BufferedImage.TYPE_INT_RGB);
        assertThatThrownBy(() -> ImageUpload.recognise("cut.jpg", Arrays.copyOf(photo, photo.length - 40)))
                .isInstanceOf(ConsultationProblems.UnacceptableImage.class).hasMessageContaining("not a whole JPEG");
        byte[] jpegMagicOnly = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0 };
        assertThatThrownBy(() -> ImageUpload.recognise("x.jpg", jpegMagicOnly)).isInstanceOf(ConsultationProblems.UnacceptableImage.class);
    }

    @Test
    void aSmallFileThatUnpacksIntoAHugeImageIsRefusedBeforeDecoding() {
        byte[] huge = encoded("png", 8_000, 6_000, BufferedImage.TYPE_BYTE_BINARY);
        assertThat(huge.length).isLessThan(ImageUpload.MAX_BYTES);
        assertThatThrownBy(() -> ImageUpload.recognise("bomb.png", huge))
                .isInstanceOf(ConsultationProblems.UnacceptableImage.class).hasMessageContaining("megapixels");
        // a large but allowed one is checked at a fraction of its size in memory
        assertThat(ImageUpload.recognise("scan.png", encoded("png", 6_000, 4_000, BufferedImage.TYPE_BYTE_BINARY)).mediaType())
                .isEqualTo("image/png");
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
