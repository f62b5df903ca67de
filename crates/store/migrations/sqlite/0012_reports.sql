-- Activity reports, their photos (three stored sizes each, as files), and what approved reports
-- added to each indicator by network, district, gender and age group.

CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    province_code BIGINT NOT NULL REFERENCES provinces (code),
    entry_id BIGINT REFERENCES plan_entries (id),
    title TEXT NOT NULL,
    held_on TEXT NOT NULL,
    fiscal_year BIGINT NOT NULL,
    quarter BIGINT NOT NULL,
    district_code BIGINT NOT NULL REFERENCES districts (code),
    venue TEXT NOT NULL DEFAULT '',
    network_code TEXT NOT NULL,
    male BIGINT NOT NULL DEFAULT 0,
    female BIGINT NOT NULL DEFAULT 0,
    gender_unstated BIGINT NOT NULL DEFAULT 0,
    youth BIGINT NOT NULL DEFAULT 0,
    adults BIGINT NOT NULL DEFAULT 0,
    elders BIGINT NOT NULL DEFAULT 0,
    narrative TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    client_key TEXT,
    created_by BIGINT REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    decided_at TEXT,
    decided_by BIGINT REFERENCES users (id)
);
CREATE INDEX reports_province ON reports (province_code, status, held_on);
CREATE INDEX reports_entry ON reports (entry_id);
CREATE UNIQUE INDEX reports_client_key ON reports (province_code, client_key);

CREATE TABLE report_organizations (
    report_id BIGINT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (report_id, organization_id)
);
CREATE INDEX report_organizations_org ON report_organizations (organization_id);

CREATE TABLE report_virtues (
    report_id BIGINT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    reference_code TEXT NOT NULL REFERENCES plan_references (code),
    PRIMARY KEY (report_id, reference_code)
);

CREATE TABLE report_contributions (
    report_id BIGINT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    indicator_id BIGINT NOT NULL REFERENCES plan_indicators (id),
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (report_id, indicator_id)
);

CREATE TABLE photos (
    id INTEGER PRIMARY KEY,
    province_code BIGINT NOT NULL REFERENCES provinces (code),
    report_id BIGINT REFERENCES reports (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    caption TEXT NOT NULL DEFAULT '',
    consent BIGINT NOT NULL DEFAULT 0,
    original_file_id BIGINT NOT NULL REFERENCES files (id),
    display_file_id BIGINT NOT NULL REFERENCES files (id),
    thumbnail_file_id BIGINT NOT NULL REFERENCES files (id),
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    display_width BIGINT NOT NULL,
    display_height BIGINT NOT NULL,
    thumbnail_width BIGINT NOT NULL,
    thumbnail_height BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id)
);
CREATE INDEX photos_report ON photos (report_id, position);

-- What approved reports added to an indicator, by disaggregation: network, district, gender,
-- age. Kept in the transaction that approves or reopens a report.
CREATE TABLE plan_actual_parts (
    indicator_id BIGINT NOT NULL REFERENCES plan_indicators (id) ON DELETE CASCADE,
    fiscal_year BIGINT NOT NULL,
    quarter BIGINT NOT NULL,
    dimension TEXT NOT NULL,
    part TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (indicator_id, fiscal_year, quarter, dimension, part)
);
