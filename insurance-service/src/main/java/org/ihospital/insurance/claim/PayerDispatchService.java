package org.ihospital.insurance.claim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ihospital.commons.messaging.Failures;
import org.ihospital.commons.persistence.OwnContext;
import org.ihospital.commons.persistence.PgNotifications;
import org.ihospital.commons.queue.Passes;
import org.ihospital.commons.queue.RetrySchedule;
import org.ihospital.insurance.infrastructure.InsuranceConfig;
import org.ihospital.insurance.infrastructure.Payers;
import org.ihospital.insurance.payer.Answer;
import org.ihospital.insurance.payer.NoAnswer;
import org.ihospital.insurance.payer.Payer;
import org.ihospital.insurance.payer.Phase;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Sends queued submissions to the payers, woken as the transaction that queued them commits (and on a
 * poll). A pass claims what is due (a lease in the database: replicas
 * share the queue, a crash loses nothing) and sends each outside any transaction. A submission sent
 * before without an answer is first asked after (reconciliation: the payer may have acted on it and the
 * answer got lost); only when the payer never received it is it sent again, with the same idempotency
 * key. An answer is applied to its claim in a transaction ({@link ExchangeService}); no answer waits for the retry schedule, and
 * after its last step the submission has failed for good.
 */
@ApplicationScoped
public class PayerDispatchService {

    private static final Logger LOG = Logger.getLogger(PayerDispatchService.class);

    private final PayerSubmissionRepository queue;
    private final ExchangeService exchange;
    private final Payers payers;
    private final PgNotifications notifications;
    private final InsuranceConfig.Payers config;
    private final RetrySchedule schedule;
    private final RetrySchedule preSettlementSchedule;
    private final Vertx vertx;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Passes passes;
    private final Counter answered;
    private final Counter reconciled;
    private final Counter attemptsFailed;
    private final Counter failed;

    public PayerDispatchService(PayerSubmissionRepository queue, ExchangeService exchange, Payers payers, PgNotifications notifications,
            InsuranceConfig config, Vertx vertx, Clock clock, MeterRegistry metrics) {
        this.notifications = notifications;
        this.queue = queue;
        this.exchange = exchange;
        this.payers = payers;
        this.config = config.payers();
        this.schedule = new RetrySchedule(config.payers().retrySchedule(), config.payers().jitter());
        this.preSettlementSchedule = new RetrySchedule(config.payers().preSettlementRetrySchedule(), config.payers().jitter());
        this.vertx = vertx;
        this.clock = clock;
        this.passes = new Passes(vertx, "Payer dispatch", this::pass);
        this.answered = Counter.builder("hospital.payers.answered").description("Submissions a payer answered").register(metrics);
        this.reconciled = Counter.builder("hospital.payers.reconciled")
                .description("Answers found by asking a payer after a submission got no answer (it had acted on it)").register(metrics);
        this.attemptsFailed = Counter.builder("hospital.payers.attempts.failed")
                .description("Submissions that got no answer this time (each is retried until the schedule ends)").register(metrics);
        this.failed = Counter.builder("hospital.payers.failed")
                .description("Submissions without an answer after the last retry: the claim waits for an auditor").register(metrics);
    }

    /** A transaction that queued submissions wakes the dispatcher as it commits (the table's trigger notifies). */
    void start(@Observes StartupEvent started) {
        notifications.listen("payer_submission", ignored -> wake());
    }

    @Scheduled(every = "${hospital.insurance.payers.poll-interval:1s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** Runs a pass now, or right after the running one. */
    public void wake() {
        passes.wake();
    }

    private Uni<Integer> pass() {
        int room = config.batchSize() - inFlight.get();
        if (room <= 0) {
            return Uni.createFrom().item(0);
        }
        Duration lease = config.timeout().multipliedBy(3).plusSeconds(5);
        return queue.claim(room, lease).invoke(claimed -> claimed.forEach(s -> {
            inFlight.incrementAndGet();
            send(s);
        })).map(List::size);
    }

    /** Sends one claimed submission; whatever happens (an exception included), its slot is given back. */
    private void send(PayerSubmissionRepository.Submission s) {
        RetrySchedule schedule = s.phase() == Phase.PRE_SETTLEMENT ? preSettlementSchedule : this.schedule;
        Uni<Answer> call = Uni.createFrom().deferred(() -> {
            if (s.attempts() > schedule.waits().size() + 1) {
                // attempts beyond the schedule are claims whose outcome could not be recorded (the lease ran out)
                return Uni.createFrom().failure(new NoAnswer("the outcome of " + (s.attempts() - 1) + " attempts could not be recorded", false));
            }
            Payer payer = payers.of(s.payer());
            return s.attempts() == 1 ? payer.submit(s.phase(), s.key(), s.request())
                    : payer.find(s.phase(), s.key()).chain(found -> {
                        if (found.isPresent()) {
                            reconciled.increment();
                            return Uni.createFrom().item(found.get());
                        }
                        return payer.submit(s.phase(), s.key(), s.request());
                    });
        });
        call.onItemOrFailure().transformToUni((answer, failure) -> {
            if (failure == null) {
                answered.increment();
                return OwnContext.run(vertx, () -> Panache.withTransaction(() -> exchange.answered(s, answer)));
            }
            attemptsFailed.increment();
            String error = Failures.describe(failure);
            boolean retryable = !(failure instanceof NoAnswer n) || n.retryable();
            Instant next = retryable ? schedule.next(s.attempts(), ThreadLocalRandom.current().nextDouble(), clock.instant()).orElse(null) : null;
            if (next == null) {
                failed.increment();
                LOG.warnf("Submission %s to the %s payer failed for good after %d attempts: %s", s.key(), s.payer(), s.attempts(), error);
                return OwnContext.run(vertx, () -> Panache.withTransaction(() -> exchange.failed(s, error)));
            }
            return queue.retryAt(s, error, next);
        }).subscribe().with(ignored -> finished(), failure -> {
            LOG.warnf("Could not record the outcome of submission %s (its lease will expire and the payer will be asked again): %s", s.key(),
                    Failures.describe(failure));
            finished();
        });
    }

    private void finished() {
        inFlight.decrementAndGet();
        wake();
    }
}
