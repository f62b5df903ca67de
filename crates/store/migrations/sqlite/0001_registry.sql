CREATE TABLE regions (
    id BIGINT PRIMARY KEY,
    name_th TEXT NOT NULL
);

CREATE TABLE provinces (
    code BIGINT PRIMARY KEY,
    name_th TEXT NOT NULL,
    name_en TEXT NOT NULL,
    region_id BIGINT NOT NULL REFERENCES regions (id),
    sort_key BLOB NOT NULL
);

CREATE TABLE districts (
    code BIGINT PRIMARY KEY,
    province_code BIGINT NOT NULL REFERENCES provinces (code),
    name_th TEXT NOT NULL,
    name_en TEXT NOT NULL,
    sort_key BLOB NOT NULL
);
CREATE INDEX districts_province ON districts (province_code, sort_key);

CREATE TABLE sectors (
    code TEXT PRIMARY KEY,
    position BIGINT NOT NULL
);

CREATE TABLE title_prefixes (
    prefix TEXT PRIMARY KEY,
    name_en TEXT NOT NULL,
    position BIGINT NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    province_code BIGINT REFERENCES provinces (code),
    network_code TEXT REFERENCES sectors (code),
    created_at TEXT NOT NULL,
    disabled_at TEXT
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    province_code BIGINT NOT NULL REFERENCES provinces (code),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id)
);

CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    province_code BIGINT NOT NULL REFERENCES provinces (code),
    district_code BIGINT NOT NULL REFERENCES districts (code),
    name TEXT NOT NULL,
    sort_key BLOB NOT NULL,
    search_text TEXT NOT NULL,
    kind TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    address TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT
);
CREATE INDEX organizations_list ON organizations (province_code, sort_key);
CREATE UNIQUE INDEX organizations_unique_name ON organizations (province_code, district_code, name);

CREATE TABLE organization_sectors (
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    sector_code TEXT NOT NULL REFERENCES sectors (code),
    PRIMARY KEY (organization_id, sector_code)
);
CREATE INDEX organization_sectors_sector ON organization_sectors (sector_code, organization_id);

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    province_code BIGINT NOT NULL REFERENCES provinces (code),
    prefix TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    sort_key BLOB NOT NULL,
    search_text TEXT NOT NULL,
    position TEXT NOT NULL,
    organization_id BIGINT REFERENCES organizations (id),
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    consent_at TEXT NOT NULL,
    consent_recorded_by BIGINT REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT
);
CREATE INDEX people_list ON people (province_code, sort_key);
CREATE INDEX people_organization ON people (organization_id);

CREATE TABLE person_networks (
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    sector_code TEXT NOT NULL REFERENCES sectors (code),
    PRIMARY KEY (person_id, sector_code)
);

CREATE TABLE working_groups (
    id INTEGER PRIMARY KEY,
    province_code BIGINT NOT NULL REFERENCES provinces (code),
    name TEXT NOT NULL,
    sort_key BLOB NOT NULL,
    order_number TEXT NOT NULL,
    order_date TEXT,
    order_file_id BIGINT REFERENCES files (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT
);
CREATE INDEX working_groups_list ON working_groups (province_code, sort_key);

CREATE TABLE working_group_members (
    id INTEGER PRIMARY KEY,
    working_group_id BIGINT NOT NULL REFERENCES working_groups (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people (id),
    role TEXT NOT NULL,
    term_start TEXT,
    term_end TEXT
);
CREATE INDEX working_group_members_group ON working_group_members (working_group_id);

CREATE TABLE import_batches (
    id INTEGER PRIMARY KEY,
    province_code BIGINT NOT NULL REFERENCES provinces (code),
    user_id BIGINT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    imported_at TEXT
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id BIGINT REFERENCES users (id),
    user_email TEXT NOT NULL,
    province_code BIGINT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_log_province ON audit_log (province_code, id);
