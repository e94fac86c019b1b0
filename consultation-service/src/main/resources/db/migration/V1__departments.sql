-- Clinical departments of the hospital (科室). Codes are stable identifiers used by doctors' profiles
-- and by clients; names are shown to patients in Chinese and English.
create table department (
    code         text primary key check (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    name_zh      text    not null,
    name_en      text    not null,
    description  text    not null,
    chronic_care boolean not null default false,   -- runs chronic-disease follow-up clinics online
    sort_order   integer not null unique,
    active       boolean not null default true
);

insert into department (code, name_zh, name_en, description, chronic_care, sort_order) values
  ('CARDIOLOGY',        '心血管内科',   'Cardiology',                    'Hypertension, coronary heart disease, heart failure and arrhythmia follow-up.', true,  10),
  ('ENDOCRINOLOGY',     '内分泌科',     'Endocrinology',                 'Diabetes, thyroid disorders, osteoporosis and other metabolic diseases.',        true,  20),
  ('NEPHROLOGY',        '肾内科',       'Nephrology',                    'Chronic kidney disease, diabetic and hypertensive nephropathy.',                true,  30),
  ('RESPIRATORY',       '呼吸与危重症医学科', 'Respiratory Medicine',     'Asthma, COPD and chronic cough follow-up.',                                     true,  40),
  ('GASTROENTEROLOGY',  '消化内科',     'Gastroenterology',              'Chronic gastritis, peptic ulcer, fatty liver and inflammatory bowel disease.',  true,  50),
  ('NEUROLOGY',         '神经内科',     'Neurology',                     'Stroke secondary prevention, epilepsy, Parkinson''s disease, headache.',        true,  60),
  ('GERIATRICS',        '老年医学科',   'Geriatrics',                    'Older patients with several chronic conditions and many medicines.',            true,  70),
  ('GENERAL_PRACTICE',  '全科医学科',   'General Practice',              'Common conditions, prescription renewals and referrals.',                       true,  80),
  ('RHEUMATOLOGY',      '风湿免疫科',   'Rheumatology and Immunology',   'Rheumatoid arthritis, gout, lupus.',                                            true,  90),
  ('PSYCHIATRY',        '精神心理科',   'Psychiatry and Psychology',     'Depression, anxiety and sleep disorders follow-up.',                            true, 100),
  ('TCM',               '中医科',       'Traditional Chinese Medicine',  'Traditional Chinese medicine consultation and herbal prescriptions.',           true, 110),
  ('DERMATOLOGY',       '皮肤科',       'Dermatology',                   'Eczema, psoriasis, acne and other skin conditions.',                            false, 120),
  ('OPHTHALMOLOGY',     '眼科',         'Ophthalmology',                 'Glaucoma, diabetic retinopathy screening follow-up.',                           false, 130),
  ('PEDIATRICS',        '儿科',         'Pediatrics',                    'Children''s common and chronic conditions.',                                    false, 140),
  ('GYNECOLOGY',        '妇科',         'Gynecology',                    'Gynecological follow-up and menopause care.',                                    false, 150),
  ('UROLOGY',           '泌尿外科',     'Urology',                       'Benign prostatic hyperplasia and urinary tract conditions.',                    false, 160),
  ('ORTHOPEDICS',       '骨科',         'Orthopedics',                   'Osteoarthritis and chronic back pain follow-up.',                               false, 170),
  ('ONCOLOGY',          '肿瘤科',       'Oncology',                      'Follow-up after treatment and long-term oral therapies.',                      false, 180);
