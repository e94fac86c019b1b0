package org.ihospital.consultation.consult;

import java.util.List;

import org.ihospital.commons.problem.InvalidField;

/** What a participant sends: text, images, or both; at most 4000 characters and 9 images. */
public record MessageDraft(String text, List<ImageUpload> images) {

    public static final int MAX_TEXT = 4000;
    public static final int MAX_IMAGES = 9;

    public MessageDraft {
        text = text == null ? "" : text.strip();
        images = images == null ? List.of() : List.copyOf(images);
        if (text.length() > MAX_TEXT) {
            throw new InvalidField("text", "size must be between 0 and " + MAX_TEXT);
        }
        requireImageCount(images.size());
        if (text.isEmpty() && images.isEmpty()) {
            throw new ConsultationProblems.EmptyMessage();
        }
    }

    /** The image count is checked before any file is read. */
    public static void requireImageCount(int count) {
        if (count > MAX_IMAGES) {
            throw new ConsultationProblems.UnacceptableImage("at most " + MAX_IMAGES + " images a message");
        }
    }
}
