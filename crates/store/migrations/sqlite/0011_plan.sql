-- The integrated plan: a tree of strategies, goals, projects and activities; indicators with
-- targets per fiscal year and quarter; actuals kept summed per quarter as reports are approved.

CREATE TABLE plan_references (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    province_code BIGINT REFERENCES provinces (code),
    position BIGINT NOT NULL,
    name_th TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    archived_at TEXT
);
CREATE INDEX plan_references_kind ON plan_references (kind, position);

CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    province_code BIGINT NOT NULL REFERENCES provinces (code),
    title TEXT NOT NULL,
    first_year BIGINT NOT NULL,
    last_year BIGINT NOT NULL,
    vision TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT
);
CREATE INDEX plans_province ON plans (province_code, first_year);

CREATE TABLE plan_entries (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    parent_id BIGINT REFERENCES plan_entries (id),
    level TEXT NOT NULL,
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    fiscal_year BIGINT,
    starts_on TEXT,
    ends_on TEXT,
    source_activity_id BIGINT REFERENCES activities (id),
    source_item_id BIGINT REFERENCES plan_items (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX plan_entries_plan ON plan_entries (plan_id, position);
CREATE INDEX plan_entries_source ON plan_entries (source_activity_id);

CREATE TABLE plan_entry_networks (
    entry_id BIGINT NOT NULL REFERENCES plan_entries (id) ON DELETE CASCADE,
    sector_code TEXT NOT NULL,
    PRIMARY KEY (entry_id, sector_code)
);

CREATE TABLE plan_entry_districts (
    entry_id BIGINT NOT NULL REFERENCES plan_entries (id) ON DELETE CASCADE,
    district_code BIGINT NOT NULL REFERENCES districts (code),
    PRIMARY KEY (entry_id, district_code)
);

CREATE TABLE plan_entry_organizations (
    entry_id BIGINT NOT NULL REFERENCES plan_entries (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (entry_id, organization_id)
);
CREATE INDEX plan_entry_organizations_org ON plan_entry_organizations (organization_id);

CREATE TABLE plan_entry_references (
    entry_id BIGINT NOT NULL REFERENCES plan_entries (id) ON DELETE CASCADE,
    reference_code TEXT NOT NULL REFERENCES plan_references (code),
    PRIMARY KEY (entry_id, reference_code)
);

CREATE TABLE plan_budget_lines (
    entry_id BIGINT NOT NULL REFERENCES plan_entries (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    source TEXT NOT NULL,
    satang BIGINT NOT NULL,
    PRIMARY KEY (entry_id, position)
);

CREATE TABLE plan_indicators (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    entry_id BIGINT REFERENCES plan_entries (id),
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    kind TEXT NOT NULL,
    baseline DOUBLE PRECISION,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX plan_indicators_plan ON plan_indicators (plan_id, position);

-- quarter 0 is the whole fiscal year.
CREATE TABLE plan_targets (
    indicator_id BIGINT NOT NULL REFERENCES plan_indicators (id) ON DELETE CASCADE,
    fiscal_year BIGINT NOT NULL,
    quarter BIGINT NOT NULL,
    target DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (indicator_id, fiscal_year, quarter)
);

-- reported: summed from approved activity reports in the transaction that approves them;
-- entered: typed by the secretariat where no report fits.
CREATE TABLE plan_actuals (
    indicator_id BIGINT NOT NULL REFERENCES plan_indicators (id) ON DELETE CASCADE,
    fiscal_year BIGINT NOT NULL,
    quarter BIGINT NOT NULL,
    reported DOUBLE PRECISION NOT NULL DEFAULT 0,
    reports BIGINT NOT NULL DEFAULT 0,
    entered DOUBLE PRECISION,
    PRIMARY KEY (indicator_id, fiscal_year, quarter)
);
