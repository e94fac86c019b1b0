package org.ihospital.pharmacy.order;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * The port to whoever takes the patient's money (a payment provider): start a payment, which the provider
 * later confirms by calling back ({@link OrderService#paymentConfirmed}), and refund one. An adapter per
 * provider; the sandbox is the local default.
 */
public interface PaymentProvider {

    /** A payment the provider started: its reference, and where the patient completes it (null when nothing is to be done). */
    record Payment(String paymentId, String payUrl) {
    }

    /** Starts collecting {@code amount} fen for the order; the same order asks once (the provider may answer the same payment again). */
    Uni<Payment> start(UUID orderId, long amount);

    /** Gives the whole payment back; answers the refund's reference. */
    Uni<String> refund(String paymentId, long amount);
}
