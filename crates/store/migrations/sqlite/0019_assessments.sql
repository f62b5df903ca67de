-- Assessments: a unit (a community or another organization from the registry, a district, or
-- the province itself) assessed for a fiscal year against one published template version.
-- `unit_key` ('o:<id>', 'd:<code>', 'p:<code>') makes one assessment per unit, year and template
-- family. The self-assessment's points are kept beside the verified ones; the certificate of
-- an awarded level is stored with it and verified at /verify like a training's.
CREATE TABLE assessments (
    id INTEGER PRIMARY KEY,
    province_code BIGINT NOT NULL REFERENCES provinces (code),
    template_id BIGINT NOT NULL REFERENCES assessment_templates (id),
    family BIGINT NOT NULL,
    subject TEXT NOT NULL,
    unit_key TEXT NOT NULL,
    organization_id BIGINT REFERENCES organizations (id),
    district_code BIGINT REFERENCES districts (code),
    unit_name TEXT NOT NULL,
    fiscal_year BIGINT NOT NULL,
    status TEXT NOT NULL,
    self_total BIGINT NOT NULL DEFAULT 0,
    self_level TEXT,
    total BIGINT,
    level TEXT,
    comment TEXT NOT NULL DEFAULT '',
    certificate_code TEXT UNIQUE,
    certificate_pdf BLOB,
    created_by BIGINT REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    decided_at TEXT,
    decided_by BIGINT REFERENCES users (id),
    UNIQUE (unit_key, fiscal_year, family)
);
CREATE INDEX assessments_province ON assessments (province_code, fiscal_year, status);

-- One row per answered item: the unit's own answer and, once a verifier has looked, theirs.
CREATE TABLE assessment_answers (
    assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    item BIGINT NOT NULL,
    answer TEXT NOT NULL,
    score BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    verified_answer TEXT,
    verified_score BIGINT,
    verifier_comment TEXT NOT NULL DEFAULT '',
    verified_by BIGINT REFERENCES users (id),
    verified_at TEXT,
    PRIMARY KEY (assessment_id, item)
);

-- Evidence for an item: a photo or a file through the upload pipeline, or an approved report.
CREATE TABLE assessment_evidence (
    id INTEGER PRIMARY KEY,
    assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    item BIGINT NOT NULL,
    photo_id BIGINT REFERENCES photos (id),
    file_id BIGINT REFERENCES files (id),
    report_id BIGINT REFERENCES reports (id),
    caption TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id)
);
CREATE INDEX assessment_evidence_item ON assessment_evidence (assessment_id, item);

-- Who visits and verifies: accounts of the province's working group or secretariat.
CREATE TABLE assessment_verifiers (
    assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id),
    assigned_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, user_id)
);
CREATE INDEX assessment_verifiers_user ON assessment_verifiers (user_id);

-- A verifier's checklist sent from a phone, perhaps twice after a lost connection: its key
-- makes the second arrival a no-op.
CREATE TABLE assessment_syncs (
    assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    client_key TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, client_key)
);
