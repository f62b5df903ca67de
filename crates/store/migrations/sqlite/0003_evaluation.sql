CREATE TABLE cycles (
    id INTEGER PRIMARY KEY,
    province_code BIGINT NOT NULL REFERENCES provinces (code),
    name TEXT NOT NULL,
    sort_key BLOB NOT NULL,
    fiscal_year BIGINT NOT NULL,
    held_on TEXT,
    network_code TEXT REFERENCES sectors (code),
    organization_id BIGINT REFERENCES organizations (id),
    working_group_id BIGINT REFERENCES working_groups (id),
    baseline_cycle_id BIGINT REFERENCES cycles (id),
    dots_per_person BIGINT NOT NULL,
    stacking BIGINT NOT NULL,
    top_k BIGINT NOT NULL,
    anonymous BIGINT NOT NULL,
    mission_statement TEXT NOT NULL DEFAULT '',
    step TEXT NOT NULL DEFAULT 'mission',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT
);
CREATE INDEX cycles_province ON cycles (province_code, fiscal_year);

CREATE TABLE cycle_facilitators (
    cycle_id BIGINT NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (cycle_id, user_id)
);

CREATE TABLE live_sessions (
    id INTEGER PRIMARY KEY,
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    join_code TEXT NOT NULL UNIQUE,
    started_at TEXT NOT NULL,
    started_by BIGINT REFERENCES users (id),
    ended_at TEXT
);
CREATE INDEX live_sessions_cycle ON live_sessions (cycle_id);

CREATE TABLE participants (
    id INTEGER PRIMARY KEY,
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    number BIGINT NOT NULL,
    token_hash TEXT UNIQUE,
    display_name TEXT NOT NULL,
    network_code TEXT REFERENCES sectors (code),
    kind TEXT NOT NULL,
    consent_at TEXT,
    joined_at TEXT NOT NULL,
    UNIQUE (cycle_id, number)
);

CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    title TEXT NOT NULL,
    participant_id BIGINT REFERENCES participants (id),
    -- No foreign key: a duplicate may be merged into a later activity, and a restore inserts
    -- rows in id order.
    merged_into BIGINT,
    source_activity_id BIGINT REFERENCES activities (id),
    chosen BIGINT NOT NULL DEFAULT 0,
    position BIGINT NOT NULL,
    dialogue TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX activities_cycle ON activities (cycle_id, position);

CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    step TEXT NOT NULL,
    activity_id BIGINT REFERENCES activities (id),
    state TEXT NOT NULL,
    revealed BIGINT NOT NULL DEFAULT 0,
    opened_at TEXT,
    closed_at TEXT
);
CREATE INDEX questions_cycle ON questions (cycle_id, step);

CREATE TABLE phrases (
    id INTEGER PRIMARY KEY,
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    participant_id BIGINT REFERENCES participants (id),
    text TEXT NOT NULL,
    hidden_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX phrases_cycle ON phrases (cycle_id);

CREATE TABLE phrase_votes (
    phrase_id BIGINT NOT NULL REFERENCES phrases (id),
    participant_id BIGINT NOT NULL REFERENCES participants (id),
    PRIMARY KEY (phrase_id, participant_id)
);

CREATE TABLE dots (
    activity_id BIGINT NOT NULL REFERENCES activities (id),
    participant_id BIGINT NOT NULL REFERENCES participants (id),
    count BIGINT NOT NULL,
    PRIMARY KEY (activity_id, participant_id)
);
CREATE INDEX dots_participant ON dots (participant_id);

CREATE TABLE ratings (
    activity_id BIGINT NOT NULL REFERENCES activities (id),
    participant_id BIGINT NOT NULL REFERENCES participants (id),
    value BIGINT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (activity_id, participant_id)
);
CREATE INDEX ratings_participant ON ratings (participant_id);

CREATE TABLE plan_items (
    id INTEGER PRIMARY KEY,
    activity_id BIGINT NOT NULL REFERENCES activities (id),
    goal TEXT NOT NULL,
    strategies TEXT NOT NULL,
    evidence TEXT NOT NULL,
    owner_organization_id BIGINT REFERENCES organizations (id),
    owner_person_id BIGINT REFERENCES people (id),
    due_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX plan_items_activity ON plan_items (activity_id);
