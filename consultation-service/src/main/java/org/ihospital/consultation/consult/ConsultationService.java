package org.ihospital.consultation.consult;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.ihospital.commons.messaging.CloudEventType;
import org.ihospital.commons.messaging.Outbox;
import org.ihospital.commons.persistence.Constraints;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.consultation.appointment.AppointmentService;
import org.ihospital.consultation.audit.AuditTrailRepository;
import org.ihospital.consultation.infrastructure.Caller;
import org.ihospital.consultation.infrastructure.Parties;
import org.ihospital.contracts.ReferenceData;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Opening a consultation, its conversation, its diagnoses and its completion. */
@ApplicationScoped
public class ConsultationService implements PanacheRepositoryBase<Consultation, UUID> {

    static final String TOPIC = "consultation.consultations";
    static final CloudEventType COMPLETED = CloudEventType.of("consultation.completed");
    /** PostgreSQL channel on which committed conversation changes are announced (see ConsultationChangesHandler). */
    static final String CHANNEL = "consultation_event";

    record ConsultationCompleted(UUID consultationId, UUID appointmentId, UUID patientId, UUID doctorId, List<String> diagnoses,
            java.time.Instant completedAt) {
    }

    /** An image's description, without its bytes. */
    public record ImageInfo(UUID id, UUID messageId, int ordinal, String mediaType, int sizeBytes) {
    }

    public record Conversation(List<Message> messages, List<ImageInfo> images, boolean more) {
    }

    public record ImageContent(String mediaType, byte[] content) {
    }

    private final Parties parties;
    private final AuditTrailRepository audit;
    private final AppointmentService appointments;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public ConsultationService(Parties parties, AuditTrailRepository audit, AppointmentService appointments, Outbox outbox, ObjectMapper json, Clock clock) {
        this.parties = parties;
        this.audit = audit;
        this.appointments = appointments;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** The appointment's doctor opens its consultation. */
    @WithTransaction
    public Uni<Consultation> open(Caller caller, UUID appointmentId) {
        return parties.of(caller).chain(doctor -> Panache.getSession().chain(s -> s.createNativeQuery(
                "select patient_id, doctor_id, status from appointment where id = ?1 for update", Object[].class)
                .setParameter(1, appointmentId).getResultList())
                .chain(rows -> {
                    if (rows.isEmpty() || !doctor.equals(rows.get(0)[1])) {
                        return Uni.createFrom().failure(new ResourceNotFound("appointment", appointmentId));
                    }
                    Object[] a = rows.get(0);
                    if (!"BOOKED".equals(a[2])) {
                        return Uni.createFrom().failure(new ConsultationProblems.AppointmentNotOpenable(appointmentId, (String) a[2]));
                    }
                    return find("appointmentId", appointmentId).firstResult().chain(existing -> existing != null
                            ? Uni.createFrom().failure(new ConsultationProblems.AlreadyOpened(existing.id()))
                            : persistAndFlush(Consultation.open(appointmentId, (UUID) a[0], doctor, clock.instant())));
                }))
                .onFailure(e -> Constraints.violated(e, "consultation_appointment_id_key"))
                .recoverWithUni(e -> find("appointmentId", appointmentId).firstResult()
                        .chain(c -> Uni.createFrom().failure(new ConsultationProblems.AlreadyOpened(c.id()))));
    }

    @WithTransaction
    public Uni<Consultation> get(Caller caller, UUID id) {
        return visible(caller, id, LockModeType.NONE)
                .call(c -> audit.staffRead(caller, c.patientId(), "read-consultation", "consultation/" + id));
    }

    @WithTransaction
    public Uni<Message> post(Caller caller, UUID id, String text, List<Image> images) {
        if ((text == null || text.isBlank()) && images.isEmpty()) {
            return Uni.createFrom().failure(new ConsultationProblems.EmptyMessage());
        }
        return visible(caller, id, LockModeType.NONE).chain(consultation -> {
            consultation.requireOpen();
            Message message = Message.of(id, caller.isPatient() ? Message.Sender.PATIENT : Message.Sender.DOCTOR,
                    text == null ? "" : text.strip(), clock.instant());
            return Panache.getSession().chain(s -> s.persist(message).chain(s::flush)
                    .chain(() -> Multi.createFrom().range(0, images.size())
                            .onItem().transformToUniAndConcatenate(i -> s.createNativeQuery("""
                                    insert into message_image (id, message_id, ordinal, media_type, size_bytes, sha256, content)
                                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                                    .setParameter(1, UUID.randomUUID()).setParameter(2, message.id()).setParameter(3, (short) (int) i)
                                    .setParameter(4, images.get(i).mediaType()).setParameter(5, images.get(i).content().length)
                                    .setParameter(6, images.get(i).sha256()).setParameter(7, images.get(i).content())
                                    .executeUpdate())
                            .collect().last())
                    .chain(s::flush)
                    .chain(() -> announce(s, id, "message", message.id()))
                    .replaceWith(message));
        });
    }

    /** The conversation after {@code afterSeq} (0: from the start), oldest first. */
    @WithTransaction
    public Uni<Conversation> messages(Caller caller, UUID id, long afterSeq, int limit) {
        return visible(caller, id, LockModeType.NONE)
                .call(c -> audit.staffRead(caller, c.patientId(), "read-messages", "consultation/" + id + "/messages"))
                .chain(c -> Panache.getSession().chain(s -> s
                .createSelectionQuery("from Message where consultationId = ?1 and seq > ?2 order by seq", Message.class)
                .setParameter(1, id).setParameter(2, afterSeq).setMaxResults(limit + 1).getResultList()
                .chain(found -> {
                    List<Message> page = found.stream().limit(limit).toList();
                    if (page.isEmpty()) {
                        return Uni.createFrom().item(new Conversation(page, List.of(), false));
                    }
                    return s.createNativeQuery("""
                            select id, message_id, ordinal, media_type, size_bytes from message_image
                            where message_id in (?1) order by message_id, ordinal""", Object[].class)
                            .setParameter(1, page.stream().map(Message::id).toList())
                            .getResultList()
                            .map(rows -> {
                                List<ImageInfo> images = new ArrayList<>();
                                for (Object[] r : rows) {
                                    images.add(new ImageInfo((UUID) r[0], (UUID) r[1], ((Number) r[2]).intValue(), (String) r[3],
                                            ((Number) r[4]).intValue()));
                                }
                                return new Conversation(page, images, found.size() > limit);
                            });
                })));
    }

    @WithTransaction
    public Uni<ImageContent> image(Caller caller, UUID id, UUID imageId) {
        return visible(caller, id, LockModeType.NONE)
                .call(c -> audit.staffRead(caller, c.patientId(), "read-image", "consultation/" + id + "/images/" + imageId))
                .chain(c -> Panache.getSession().chain(s -> s.createNativeQuery("""
                select i.media_type, i.content from message_image i join message m on m.id = i.message_id
                where i.id = ?1 and m.consultation_id = ?2""", Object[].class)
                .setParameter(1, imageId).setParameter(2, id).getResultList()))
                .map(rows -> rows.isEmpty() ? null : new ImageContent((String) rows.get(0)[0], (byte[]) rows.get(0)[1]))
                .onItem().ifNull().failWith(() -> new ResourceNotFound("image", imageId));
    }

    @WithTransaction
    public Uni<Diagnosis> diagnose(Caller caller, UUID id, String icd10, String note) {
        return visibleToItsDoctor(caller, id).chain(consultation -> {
            consultation.requireOpen();
            if (ReferenceData.icd10(icd10).isEmpty()) {
                return Uni.createFrom().failure(new UnknownIcd10Code(icd10));
            }
            Diagnosis diagnosis = Diagnosis.of(consultation, icd10, note, caller.subject(), clock.instant());
            return Panache.getSession().chain(s -> s.persist(diagnosis).chain(s::flush)).replaceWith(diagnosis);
        });
    }

    @WithSession
    public Uni<List<Diagnosis>> diagnoses(UUID consultationId) {
        return Panache.getSession().chain(s -> s
                .createSelectionQuery("from Diagnosis where consultationId = ?1 order by recordedAt, id", Diagnosis.class)
                .setParameter(1, consultationId).getResultList());
    }

    @WithTransaction
    public Uni<Consultation> complete(Caller caller, UUID id) {
        return visibleToItsDoctor(caller, id).chain(consultation -> Panache.getSession()
                .chain(s -> s.createSelectionQuery("select icd10 from Diagnosis where consultationId = ?1 order by recordedAt, id",
                        String.class).setParameter(1, id).getResultList()
                        .chain(codes -> {
                            consultation.complete(codes.size(), clock.instant());
                            return appointments.completed(consultation.appointmentId())
                                    .chain(() -> outbox.append(TOPIC, COMPLETED, id.toString(), new ConsultationCompleted(id,
                                            consultation.appointmentId(), consultation.patientId(), consultation.doctorId(),
                                            codes.stream().distinct().toList(), consultation.completedAt())))
                                    .chain(() -> announce(s, id, "completed", null));
                        }))
                .replaceWith(consultation));
    }

    private Uni<Consultation> visibleToItsDoctor(Caller caller, UUID id) {
        if (!caller.isDoctor()) {
            return Uni.createFrom().failure(new ForbiddenException("only the consultation's doctor may do this"));
        }
        return visible(caller, id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The consultation if the caller takes part in it (its patient or doctor); for anyone else it does not exist. */
    Uni<Consultation> visible(Caller caller, UUID id, LockModeType lock) {
        return parties.of(caller).chain(party -> findById(id, lock).map(c -> c != null && c.hasParticipant(party) ? c : null))
                .onItem().ifNull().failWith(() -> new ResourceNotFound("consultation", id));
    }

    /** Tells every replica's live streams, once the transaction commits, that the conversation changed. */
    private Uni<Void> announce(org.hibernate.reactive.mutiny.Mutiny.Session s, UUID consultation, String type, UUID messageId) {
        String payload;
        try {
            payload = json.writeValueAsString(new ConsultationChangesHandler.Change(type, consultation, messageId, clock.instant()));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return s.createNativeQuery("select cast(pg_notify(?1, ?2) as text)").setParameter(1, CHANNEL).setParameter(2, payload)
                .getSingleResult().replaceWithVoid();
    }
}
