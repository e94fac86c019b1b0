package org.ihospital.consultation.infrastructure;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of consultation-service ({@code hospital.consultation.*}), with its default, in one place
 * (the README lists them); a misspelt key fails the start.
 * The hospital's policies (DESIGN §1) are settings, so that a hospital can choose stricter ones.
 */
@ConfigMapping(prefix = "hospital.consultation")
public interface ConsultationConfig {

    Booking booking();

    Waitlist waitlist();

    Prescription prescription();

    CareTeam careTeam();

    Signing signing();

    Audit audit();

    Notifications notifications();

    Refill refill();

    /** How notifications reach people (notification/Notifier). */
    interface Notifications {
        /** The channels a patient is reached by (of in-app, sms, push). */
        @WithDefault("in-app,push,sms")
        java.util.List<String> patientChannels();

        /** The channels a clinician is reached by. */
        @WithDefault("in-app,push")
        java.util.List<String> clinicianChannels();

        /** How often pending deliveries are sent (a scheduler interval). */
        @WithDefault("1s")
        String dispatchEvery();

        /** Tries of a delivery before it is given up (waits double from 1 s to an hour: 16 tries span about 4 hours). */
        @WithDefault("16")
        int maxAttempts();
    }

    /** The follow-up loop (复诊续方): refill reminders from dispensed supply (refill/RefillService). */
    interface Refill {
        /** Days before the supply runs out that the patient is reminded. */
        @WithDefault("7")
        int leadDays();

        /** Shorter courses (acute treatment) are not followed. */
        @WithDefault("14")
        int minCourseDays();

        /** How often due reminders are sent (a scheduler interval). */
        @WithDefault("1h")
        String sweep();

        /** Reminders go out from this clinic time of day… */
        @WithDefault("09:00")
        java.time.LocalTime remindFrom();

        /** …until this one (no text message at night). */
        @WithDefault("20:00")
        java.time.LocalTime remindUntil();
    }

    interface Audit {
        /** Base64 of at least 32 bytes: the HMAC key linking the audit chain. A secret: never in the database. */
        String chainKey();

        /** Whether plain SHA-256 links made before the HMAC chain (old installations) are accepted at its start. */
        @WithDefault("false")
        boolean acceptLegacyLinks();

        /** How often appended reads are chained (a scheduler interval). */
        @WithDefault("500ms")
        String chainInterval();

        /** How often the chain's end is sealed with the hospital key (a scheduler interval). */
        @WithDefault("60s")
        String checkpointInterval();
    }

    interface Signing {
        /** The id of the hospital key that attests doctors' keys (the {@code kid} in the published JWKS). */
        String hospitalKeyId();

        /** Base64 of the hospital's Ed25519 private key (PKCS#8). A secret: from the environment, never the database. */
        String hospitalPrivateKey();

        /** The hospital keys verification trusts, {@code kid:base64-of-X.509}: the current one, and earlier ones while rotating. */
        java.util.List<String> trustedKeys();

        /** How long a doctor's key signs before a new one is made. */
        @WithDefault("P365D")
        Duration doctorKeyValidity();
    }

    interface CareTeam {
        /** A doctor who saw the patient this recently is on the care team (reads and edits the clinical record). */
        @WithDefault("P180D")
        Duration recentVisits();
    }

    interface Booking {
        /** Cancel and reschedule close this long before a visit. */
        @WithDefault("PT2H")
        Duration changeCutOff();

        /** How far ahead a doctor's hours can be planned. */
        @WithDefault("90")
        int scheduleHorizonDays();

        Limits limits();
    }

    /** Against touts: what one patient may hold and do (see BookingLimits). */
    interface Limits {
        /** Upcoming visits a patient may hold at once. */
        @WithDefault("5")
        int openAppointments();

        /** Upcoming visits a patient may hold with one doctor. */
        @WithDefault("2")
        int openWithOneDoctor();

        /** Bookings a patient may make in one clinic day (cancelled ones count). */
        @WithDefault("5")
        int bookingsPerDay();

        /** Cancellations a patient may make in seven days. */
        @WithDefault("3")
        int cancellationsPerWeek();
    }

    interface Waitlist {
        /** How long a freed slot is held for the first waiting patient. */
        @WithDefault("PT15M")
        Duration hold();

        /** How often expired holds pass on (a scheduler interval, e.g. 5s). */
        @WithDefault("5s")
        String sweepInterval();
    }

    interface Prescription {
        /** Online prescribing for follow-up visits only (互联网诊疗管理办法). */
        @WithDefault("true")
        boolean followUpOnly();

        /**
         * Whether a condition recorded during the visit by a clinician other than the prescribing doctor
         * counts as evidence of an earlier diagnosis (by default only conditions recorded before the visit do).
         */
        @WithDefault("false")
        boolean acceptOtherClinicianDuringVisit();

        /** A prescription expires this long after it was issued. */
        @WithDefault("P3D")
        Duration validity();

        /** How often due prescriptions are expired (a scheduler interval). */
        @WithDefault("30s")
        String expirySweep();

        /** Base64 of 32 bytes sealing the doctors' private signing keys (AES-256-GCM). Required. */
        String keyEncryptionKey();
    }
}
