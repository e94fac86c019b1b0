package org.ihospital.consultation.consult;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.ihospital.commons.messaging.Outbox;
import org.ihospital.commons.paging.Cursor;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;
import org.ihospital.consultation.appointment.AppointmentService;
import org.ihospital.consultation.audit.AuditService;
import org.ihospital.consultation.party.Party;
import org.ihospital.consultation.party.PartyService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;

/** Opening a consultation, its conversation, its diagnoses and its completion. */
@ApplicationScoped
public class ConsultationService {

    /** PostgreSQL channel on which committed conversation changes are announced (see ConsultationChangesHandler). */
    static final String CHANNEL = "consultation_event";

    /** One page of a conversation: its messages and their images' descriptions. */
    public record Conversation(List<Message> messages, List<ImageInfo> images, boolean more) {
    }

    private final ConsultationRepository consultations;
    private final MessageRepository messages;
    private final PartyService parties;
    private final AuditService audit;
    private final AppointmentService appointments;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public ConsultationService(ConsultationRepository consultations, MessageRepository messages, PartyService parties,
            AuditService audit, AppointmentService appointments, Outbox outbox, ObjectMapper json, Clock clock) {
        this.consultations = consultations;
        this.messages = messages;
        this.parties = parties;
        this.audit = audit;
        this.appointments = appointments;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** A consultation and whether this call opened it (or found it opened before). */
    public record Opening(Consultation consultation, boolean opened) {
    }

    /**
     * The appointment's doctor opens its consultation; from then on the visit can be neither cancelled nor
     * moved. Opening it again (a retry, a second device) finds the same consultation, open or completed.
     */
    @WithTransaction
    public Uni<Opening> open(Caller caller, UUID appointmentId) {
        UUID proposed = UUID.randomUUID();
        return parties.doctorOrNobody(caller)
                .chain(doctor -> appointments.consultationOpened(appointmentId, doctor, proposed))
                .chain(visit -> visit.consultationId().equals(proposed)
                        ? consultations.persistAndFlush(Consultation.open(proposed, appointmentId, visit.patientId(),
                                visit.doctorId(), clock.instant())).map(c -> new Opening(c, true))
                        : consultations.findById(visit.consultationId()).map(c -> new Opening(c, false)));
    }

    /**
     * The caller's consultations (a patient's own, those a doctor held), newest first, a page at a time.
     * A doctor's page is a staff read of each patient on it, and is audited as such.
     */
    @WithTransaction
    public Uni<Cursor.Page<Consultation>> list(Caller caller, String cursor, int limit) {
        Cursor before = cursor == null ? null : Cursor.decode(cursor);
        return parties.of(caller).chain(party -> (caller.isPatient()
                ? consultations.newestFirst("patientId", party.patientId(), before, limit)
                : consultations.newestFirst("doctorId", party.doctorId(), before, limit))
                .map(found -> Cursor.Page.of(found, limit, Consultation::openedAt, Consultation::id))
                .call(page -> audit.staffReads(caller, party, page.map(Consultation::patientId), "list-consultations", "consultations")));
    }

    /**
     * A patient's consultations the caller takes part in (all of them for the patient, a doctor's own with
     * them), newest first; a doctor's answer is a staff read of the patient, audited like a list.
     */
    @WithTransaction
    public Uni<List<Consultation>> ofPatient(Caller caller, UUID patient, int limit) {
        return parties.shareOf(caller, patient).chain(share -> consultations.ofPatient(patient, share.doctor(), limit)
                .call(found -> audit.staffReads(caller, share.party(), found.stream().map(Consultation::patientId).toList(),
                        "search-consultations", "patient/" + patient + "/consultations")));
    }

    /** Where a conversation stands, for a live stream to start from: its latest message and whether it is over. */
    public record StreamState(long lastSeq, boolean completed) {
    }

    /** The state of a conversation the caller takes part in (404 otherwise). */
    @WithTransaction
    public Uni<StreamState> streamState(Caller caller, UUID id) {
        return get(caller, id).chain(c -> messages.lastSeq(id)
                .map(seq -> new StreamState(seq, c.status() == Consultation.Status.COMPLETED)));
    }

    @WithTransaction
    public Uni<Consultation> get(Caller caller, UUID id) {
        return parties.of(caller).chain(party -> visible(party, id, LockModeType.NONE)
                .call(c -> audit.staffRead(caller, party, c.patientId(), "read-consultation", "consultation/" + id)));
    }

    /**
     * A participant sends a message; the live streams hear of it once it is committed. The consultation is
     * locked so that its messages commit in the order of their seq: a stream that has heard of seq n has
     * every message before it.
     */
    @WithTransaction
    public Uni<Conversation> post(Caller caller, UUID id, MessageDraft draft) {
        return parties.of(caller).chain(party -> visible(party, id, LockModeType.PESSIMISTIC_WRITE).chain(consultation -> {
            Message.Sender sender = party.isPatient(consultation.patientId()) ? Message.Sender.PATIENT : Message.Sender.DOCTOR;
            Message message = Message.of(consultation, sender, draft, clock.instant());
            return messages.persist(message).chain(() -> messages.flush())
                    .chain(() -> announce(id, "message", message))
                    .replaceWith(() -> new Conversation(List.of(message), message.attached(), false));
        }));
    }

    /** The conversation after {@code afterSeq} (0: from the start), oldest first. */
    @WithTransaction
    public Uni<Conversation> messages(Caller caller, UUID id, long afterSeq, int limit) {
        return parties.of(caller).chain(party -> visible(party, id, LockModeType.NONE)
                .call(c -> audit.staffRead(caller, party, c.patientId(), "read-messages", "consultation/" + id + "/messages")))
                .chain(c -> messages.after(id, afterSeq, limit + 1))
                .chain(found -> {
                    List<Message> page = found.stream().limit(limit).toList();
                    return messages.imagesOf(page.stream().map(Message::id).toList())
                            .map(images -> new Conversation(page, images, found.size() > limit));
                });
    }

    @WithTransaction
    public Uni<ImageContent> image(Caller caller, UUID id, UUID imageId) {
        return parties.of(caller).chain(party -> visible(party, id, LockModeType.NONE)
                .call(c -> audit.staffRead(caller, party, c.patientId(), "read-image", "consultation/" + id + "/images/" + imageId)))
                .chain(c -> messages.image(id, imageId))
                .map(found -> found.orElseThrow(() -> new ResourceNotFound("image", imageId)));
    }

    @WithTransaction
    public Uni<Diagnosis> diagnose(Caller caller, UUID id, String icd10, String note) {
        return ofItsDoctor(caller, id).chain(consultation -> {
            Diagnosis diagnosis = consultation.diagnose(icd10, note, caller.subject(), clock.instant());
            return consultations.flush().replaceWith(diagnosis);
        });
    }

    @WithTransaction
    public Uni<List<Diagnosis>> diagnoses(Caller caller, UUID id) {
        return get(caller, id).map(Consultation::diagnoses);
    }

    @WithTransaction
    public Uni<Consultation> complete(Caller caller, UUID id) {
        return ofItsDoctor(caller, id).chain(consultation -> {
            consultation.complete(clock.instant());
            return appointments.completed(consultation.appointmentId())
                    .chain(() -> outbox.publish(consultation))
                    .chain(() -> announce(id, "completed", null))
                    .replaceWith(consultation);
        });
    }

    /** The consultation, locked, if the caller is its doctor. */
    private Uni<Consultation> ofItsDoctor(Caller caller, UUID id) {
        return parties.of(caller).chain(party -> visible(party, id, LockModeType.PESSIMISTIC_WRITE).invoke(c -> {
            if (!party.isDoctor(c.doctorId())) {
                throw new ForbiddenException("only the consultation's doctor may do this");
            }
        }));
    }

    /** The consultation if the caller takes part in it (its patient or doctor); for anyone else it does not exist. */
    private Uni<Consultation> visible(Party party, UUID id, LockModeType lock) {
        return consultations.findById(id, lock)
                .map(c -> c != null && party.takesPartIn(c.patientId(), c.doctorId()) ? c : null)
                .onItem().ifNull().failWith(() -> new ResourceNotFound("consultation", id));
    }

    private Uni<Void> announce(UUID consultation, String type, Message message) {
        try {
            return consultations.announce(CHANNEL, json.writeValueAsString(new ConsultationChangesHandler.Change(type, consultation,
                    message == null ? null : message.id(), message == null ? null : message.seq(), clock.instant())));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
