CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    province_code BIGINT NOT NULL REFERENCES provinces (code),
    title TEXT NOT NULL,
    sort_key BLOB NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    venue TEXT NOT NULL DEFAULT '',
    capacity BIGINT,
    opens_on TEXT,
    closes_on TEXT,
    approval_required BIGINT NOT NULL,
    published BIGINT NOT NULL,
    rule_kind TEXT NOT NULL,
    rule_value BIGINT NOT NULL,
    evaluation_required BIGINT NOT NULL,
    certificate_date TEXT,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    cancelled_at TEXT
);
CREATE INDEX events_province ON events (province_code, starts_on);

CREATE TABLE event_organizers (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    position BIGINT NOT NULL,
    PRIMARY KEY (event_id, organization_id)
);

CREATE TABLE event_sessions (
    id INTEGER PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    held_on TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT ''
);
CREATE INDEX event_sessions_event ON event_sessions (event_id, position);

CREATE TABLE registrations (
    id INTEGER PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events (id),
    number BIGINT NOT NULL,
    ticket TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    sort_key BLOB NOT NULL,
    search_text TEXT NOT NULL,
    identity TEXT NOT NULL,
    organization TEXT NOT NULL DEFAULT '',
    network_code TEXT REFERENCES sectors (code),
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    walk_in BIGINT NOT NULL DEFAULT 0,
    consent_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (event_id, number)
);
CREATE INDEX registrations_event ON registrations (event_id, status, sort_key);
-- One live registration per person and contact; a cancelled one does not block a new one.
CREATE UNIQUE INDEX registrations_identity ON registrations (event_id, identity)
    WHERE status <> 'cancelled';

CREATE TABLE attendance (
    registration_id BIGINT NOT NULL REFERENCES registrations (id),
    session_id BIGINT NOT NULL REFERENCES event_sessions (id),
    checked_in_at TEXT NOT NULL,
    checked_in_by BIGINT REFERENCES users (id),
    method TEXT NOT NULL,
    PRIMARY KEY (registration_id, session_id)
);

CREATE TABLE feedback (
    registration_id BIGINT PRIMARY KEY REFERENCES registrations (id),
    satisfaction BIGINT NOT NULL,
    usefulness BIGINT NOT NULL,
    comments TEXT NOT NULL DEFAULT '',
    submitted_at TEXT NOT NULL
);

CREATE TABLE event_signatories (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    title TEXT NOT NULL,
    signature_file_id BIGINT REFERENCES files (id),
    PRIMARY KEY (event_id, position)
);

CREATE TABLE event_logos (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    file_id BIGINT NOT NULL REFERENCES files (id),
    PRIMARY KEY (event_id, position)
);

CREATE TABLE certificate_templates (
    province_code BIGINT PRIMARY KEY REFERENCES provinces (code),
    source TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by BIGINT REFERENCES users (id)
);

CREATE TABLE certificates (
    id INTEGER PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events (id),
    registration_id BIGINT NOT NULL UNIQUE REFERENCES registrations (id),
    number BIGINT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    pdf BLOB NOT NULL,
    issued_at TEXT NOT NULL,
    issued_by BIGINT REFERENCES users (id),
    revoked_at TEXT,
    revoked_reason TEXT,
    UNIQUE (event_id, number)
);

-- What happened to a certificate's code: issued, reissued under a corrected name, revoked.
CREATE TABLE certificate_events (
    id INTEGER PRIMARY KEY,
    certificate_id BIGINT NOT NULL REFERENCES certificates (id),
    action TEXT NOT NULL,
    name TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    by_user BIGINT REFERENCES users (id)
);
CREATE INDEX certificate_events_certificate ON certificate_events (certificate_id, id);

-- Bulk issuing runs in the background; any instance can show its progress.
CREATE TABLE certificate_runs (
    id INTEGER PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events (id),
    total BIGINT NOT NULL,
    done BIGINT NOT NULL DEFAULT 0,
    failed BIGINT NOT NULL DEFAULT 0,
    error TEXT,
    started_at TEXT NOT NULL,
    started_by BIGINT REFERENCES users (id),
    finished_at TEXT
);
CREATE INDEX certificate_runs_event ON certificate_runs (event_id, id);
