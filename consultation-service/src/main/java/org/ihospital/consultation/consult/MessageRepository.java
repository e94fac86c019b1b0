package org.ihospital.consultation.consult;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class MessageRepository implements PanacheRepositoryBase<Message, UUID> {

    Uni<List<Message>> after(UUID consultation, long afterSeq, int limit) {
        return getSession().chain(s -> s.createSelectionQuery("from Message where consultationId = ?1 and seq > ?2 order by seq",
                Message.class).setParameter(1, consultation).setParameter(2, afterSeq).setMaxResults(limit).getResultList());
    }

    /** The sequence number of the conversation's latest message; 0 when there is none. */
    Uni<Long> lastSeq(UUID consultation) {
        return getSession().chain(s -> s.createSelectionQuery("select coalesce(max(seq), 0) from Message where consultationId = ?1",
                Long.class).setParameter(1, consultation).getSingleResult());
    }

    Uni<List<ImageInfo>> imagesOf(List<UUID> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return getSession().chain(s -> s.createSelectionQuery("""
                select i.id, i.messageId, i.ordinal, i.mediaType, i.sizeBytes from MessageImage i
                where i.messageId in ?1 order by i.messageId, i.ordinal""", ImageInfo.class)
                .setParameter(1, messages).getResultList());
    }

    Uni<Optional<ImageContent>> image(UUID consultation, UUID image) {
        return getSession().chain(s -> s.createSelectionQuery("""
                select i.mediaType, i.content from MessageImage i, Message m
                where i.id = ?1 and m.id = i.messageId and m.consultationId = ?2""", ImageContent.class)
                .setParameter(1, image).setParameter(2, consultation).getResultList())
                .map(found -> found.stream().findFirst());
    }
}
