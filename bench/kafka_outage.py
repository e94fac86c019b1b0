#!/usr/bin/env python3
"""Kafka stopped for two minutes under load: what the outbox absorbs, how fast it catches up, and
whether any consumer applied anything twice (issue "Faults and attacks", finding 1).

Against a system started with `deploy/local/hospital up`. The load is the prescription saga's first
step, over and over: book a visit, open and complete its consultation (a diagnosis recorded before the
visit makes it a follow-up), issue a signed prescription; pharmacy-service queues each for review once
its signature verifies. After warm-up Kafka is stopped (SIGTERM, by its pid file) for 120 s while the
load goes on, then started again with `hospital servers-up`. Prints a report.

    bench/kafka_outage.py [--outage 120] [--before 30] [--after 30] [--workers 2] [--patients 250] [--days 8]
"""
import argparse
import json
import os
import random
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import date, timedelta

HOME = os.environ.get("HOSPITAL_HOME", "/var/tmp/ihospital")
STATE = f"{HOME}/state"
API = "http://127.0.0.1:8081/api/v1"
KEYCLOAK = "http://127.0.0.1:18080"
PSQL = ["psql", "-h", "127.0.0.1", "-p", "15432", "-At"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def http(method, url, token=None, body=None, form=None, headers=None):
    data = None
    h = dict(headers or {})
    if body is not None:
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        h["Content-Type"] = "application/x-www-form-urlencoded"
    if token:
        h["Authorization"] = "Bearer " + token
    req = urllib.request.Request(url, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            text = r.read().decode()
            return r.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        return e.code, (json.loads(text) if text.startswith("{") else text)


_tokens = {}


def token(user, password=None):
    cached = _tokens.get(user)
    if cached and cached[1] > time.time() + 30:
        return cached[0]
    status, body = http("POST", f"{KEYCLOAK}/realms/hospital/protocol/openid-connect/token",
                        form={"grant_type": "password", "client_id": "hospital-app", "username": user,
                              "password": password or user})
    assert status == 200, body
    _tokens[user] = (body["access_token"], time.time() + body["expires_in"])
    return body["access_token"]


_admin = [None, 0.0]


def admin_token():
    if _admin[0] is None or _admin[1] < time.time() + 10:
        status, body = http("POST", f"{KEYCLOAK}/realms/master/protocol/openid-connect/token",
                            form={"grant_type": "password", "client_id": "admin-cli", "username": "admin", "password": "admin"})
        _admin[0], _admin[1] = body["access_token"], time.time() + body["expires_in"]
    return _admin[0]


PASSWORDS = {}


def new_patient(i):
    name = f"outage-{uuid.uuid4().hex[:8]}"
    password = "Outage-" + uuid.uuid4().hex[:10] + "9"
    adm = admin_token()
    status, _ = http("POST", f"{KEYCLOAK}/admin/realms/hospital/users", adm,
                     {"username": name, "enabled": True, "emailVerified": True, "firstName": "Out", "lastName": "Age",
                      "email": f"{name}@example.invalid",
                      "credentials": [{"type": "password", "value": password, "temporary": False}]})
    assert status == 201, status
    _, users = http("GET", f"{KEYCLOAK}/admin/realms/hospital/users?username={name}&exact=true", adm)
    _, role = http("GET", f"{KEYCLOAK}/admin/realms/hospital/roles/patient", adm)
    http("POST", f"{KEYCLOAK}/admin/realms/hospital/users/{users[0]['id']}/role-mappings/realm", adm, [role])
    PASSWORDS[name] = password
    body = "3101041980" + f"{1 + i % 12:02d}{1 + i % 28:02d}" + f"{i % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]
    status, profile = http("PUT", f"{API}/patients/me", token(name, password),
                           {"name": "压测患者", "idCard": body + check, "region": "310104"})
    assert status == 200, profile
    return name, profile["id"]


def sql(db, query):
    # each service's role is named, and in local development has the password, after its database
    out = subprocess.run(PSQL + ["-U", db, db, "-c", query], env=dict(os.environ, PGPASSWORD=db), capture_output=True, text=True,
                         check=True)
    return out.stdout.strip()


class Load:
    def __init__(self, doctor_id, patients, slots):
        self.doctor_id = doctor_id
        self.patients = patients
        self.slots = slots
        self.lock = threading.Lock()
        self.issued = []
        self.failures = {}
        self.stop = threading.Event()

    def take_slot(self):
        with self.lock:
            return self.slots.pop() if self.slots else None

    def give_back(self, slot):
        with self.lock:
            self.slots.insert(0, slot)

    def one(self):
        patient, patient_id = random.choice(self.patients)
        slot = self.take_slot()
        if slot is None:
            return "no slots left"
        s, appointment = http("POST", f"{API}/appointments", token(patient, PASSWORDS[patient]),
                              {"slotId": slot, "reason": "outage bench"}, headers={"Idempotency-Key": str(uuid.uuid4())})
        if s != 201:
            if s != 409:  # refused (a limit), not taken: another patient may book it
                self.give_back(slot)
            return f"book {s}"
        s, consultation = http("POST", f"{API}/appointments/{appointment['id']}/consultation", token("doctor-1"))
        if s != 201:
            return f"open {s}"
        s, _ = http("POST", f"{API}/consultations/{consultation['id']}/diagnoses", token("doctor-1"), {"icd10": "I10", "note": ""})
        if s != 201:
            return f"diagnose {s}"
        s, _ = http("POST", f"{API}/consultations/{consultation['id']}/complete", token("doctor-1"))
        if s != 200:
            return f"complete {s}"
        s, rx = http("POST", f"{API}/prescriptions", token("doctor-1"),
                     {"consultationId": consultation["id"], "items": [
                         {"drugCode": "AMLODIPINE-5MG-TAB", "quantity": 30, "dosage": {"amount": 1, "frequency": "QD", "days": 30}}]},
                     headers={"Idempotency-Key": str(uuid.uuid4())})
        if s != 201:
            return f"prescribe {s}"
        with self.lock:
            self.issued.append((rx["id"], time.time()))
        return None

    def run(self):
        while not self.stop.is_set():
            try:
                failure = self.one()
            except Exception as e:  # noqa: BLE001 - a bench counts every kind of failure
                failure = f"{type(e).__name__}: {str(e)[:80]}"
            if failure:
                with self.lock:
                    self.failures[failure] = self.failures.get(failure, 0) + 1
                if failure == "no slots left":
                    return


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--outage", type=int, default=120)
    p.add_argument("--before", type=int, default=30)
    p.add_argument("--after", type=int, default=30)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--patients", type=int, default=250, help="each books at most 5 times a day (the limit against touts)")
    p.add_argument("--days", type=int, default=8, help="days of 5-minute slots planned for doctor-1")
    args = p.parse_args()

    _, doctors = http("GET", f"{API}/doctors", token("operator-1"))
    doctor = next((d for d in doctors if d["name"].startswith("doctor-1")), None)
    if doctor is None:
        subject = json.loads(__import__("base64").urlsafe_b64decode(token("doctor-1").split(".")[1] + "==")).get("sub")
        s, doctor = http("POST", f"{API}/doctors", token("operator-1"),
                         {"userId": subject, "name": "doctor-1 (bench)", "licenceNumber": "LICBENCH0001", "title": "主治医师",
                          "departments": ["CARDIOLOGY"]})
        assert s == 201, doctor
    slots = []
    start = date.today() + timedelta(days=60 + random.randint(0, 20))
    for d in range(args.days):
        s, planned = http("POST", f"{API}/doctors/{doctor['id']}/schedules", token("operator-1"),
                          {"day": str(start + timedelta(days=d)), "start": "06:00", "end": "23:55", "slotMinutes": 5})
        if s == 201:
            slots += [x["id"] for x in planned["slots"]]
    random.shuffle(slots)
    patients = []
    for i in range(args.patients):
        name, pid = new_patient(i)
        s, _ = http("POST", f"{API}/patients/{pid}/conditions", token("operator-1"),
                    {"icd10": "I10", "diagnosedOn": "2024-01-01", "source": "bench clinic"})
        assert s == 201
        patients.append((name, pid))
    print(f"set-up: {len(patients)} patients, {len(slots)} slots of doctor-1", flush=True)

    load = Load(doctor["id"], patients, slots)
    workers = [threading.Thread(target=load.run, daemon=True) for _ in range(args.workers)]
    samples = []
    t0 = time.time()
    for w in workers:
        w.start()

    def sample(label):
        pending = int(sql("consultation", "select count(*) from outbox_event where published_at is null"))
        samples.append((round(time.time() - t0, 1), label, pending, len(load.issued)))
        return pending

    while time.time() - t0 < args.before:
        sample("before")
        time.sleep(2)
    kafka_pid = int(open(f"{STATE}/pids/kafka.pid").read().strip())
    os.kill(kafka_pid, signal.SIGTERM)
    stopped = time.time()
    print(f"kafka stopped at t={stopped - t0:.0f}s (pid {kafka_pid})", flush=True)
    issued_at_stop = len(load.issued)
    while time.time() - stopped < args.outage:
        sample("kafka down")
        time.sleep(2)
    issued_during = len(load.issued) - issued_at_stop
    subprocess.run([f"{ROOT}/deploy/local/hospital", "servers-up"], check=True, capture_output=True)
    back = time.time()
    print(f"kafka back at t={back - t0:.0f}s", flush=True)
    peak = max(s[2] for s in samples)
    drained = None
    while time.time() - back < args.after + 300:
        pending = sample("after")
        if drained is None and pending == 0:
            drained = time.time() - back
        if time.time() - back >= args.after and drained is not None:
            break
        time.sleep(1)
    load.stop.set()
    for w in workers:
        w.join(timeout=60)
    time.sleep(15)  # the last events reach pharmacy

    ids = [rx for rx, _ in load.issued]
    id_list = ",".join(f"'{i}'" for i in ids)
    reviews = sql("pharmacy", f"select count(*), count(distinct prescription_id) from review where prescription_id in ({id_list})")
    per_rx = sql("pharmacy", f"select coalesce(max(n), 0) from (select count(*) n from review where prescription_id in ({id_list})"
                             " group by prescription_id) t")
    pending_reviews = sql("pharmacy", f"select count(*) from review where status = 'PENDING' and prescription_id in ({id_list})")
    timeline = sql("consultation", f"select count(*), count(distinct prescription_id) from prescription_timeline"
                                   f" where type = 'prescription.issued' and prescription_id in ({id_list})")
    wire = sql("consultation", f"select count(*) from outbox_event where subject in ({id_list})"
                               " and type = 'hospital.prescription.issued.v1' and published_at is not null")
    print("\nt(s)  phase       outbox-pending  prescriptions-issued")
    for t, label, pending, issued in samples[:: max(1, len(samples) // 40)]:
        print(f"{t:6.1f} {label:11s} {pending:8d} {issued:10d}")
    print(f"\nprescriptions issued: {len(ids)} (while Kafka was down: {issued_during}); failed requests: {load.failures}")
    print(f"outbox peak pending: {peak}; caught up {drained:.1f} s after Kafka was back" if drained is not None else
          f"outbox peak pending: {peak}; NOT caught up")
    print(f"issued events published: {wire} of {len(ids)}")
    print(f"pharmacy reviews (rows, distinct prescriptions): {reviews}; most reviews for one prescription: {per_rx};"
          f" pending (verified, queued): {pending_reviews}")
    print(f"timeline 'issued' steps (rows, distinct prescriptions): {timeline}")


if __name__ == "__main__":
    main()
