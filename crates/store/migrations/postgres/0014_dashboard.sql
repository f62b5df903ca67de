-- Figures the dashboards read, kept at write time in the transaction that changes what they
-- count, so that a dashboard sums a few rows instead of counting a million reports.
--
-- tallies: approved reports and their participants, and certificates issued, per province,
-- fiscal year and quarter, network and district. network_code '' and district_code 0 stand for
-- "every network" and "every district": a write adds to four rows (its network and district,
-- its network, its district, the whole province), so any filter reads only the rows it shows.
CREATE TABLE tallies (
    province_code BIGINT NOT NULL REFERENCES provinces (code),
    fiscal_year BIGINT NOT NULL,
    quarter BIGINT NOT NULL,
    network_code TEXT NOT NULL,
    district_code BIGINT NOT NULL,
    reports BIGINT NOT NULL DEFAULT 0,
    participants BIGINT NOT NULL DEFAULT 0,
    male BIGINT NOT NULL DEFAULT 0,
    female BIGINT NOT NULL DEFAULT 0,
    gender_unstated BIGINT NOT NULL DEFAULT 0,
    youth BIGINT NOT NULL DEFAULT 0,
    adults BIGINT NOT NULL DEFAULT 0,
    elders BIGINT NOT NULL DEFAULT 0,
    certificates BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (province_code, fiscal_year, network_code, district_code, quarter)
);
CREATE INDEX tallies_nation ON tallies (fiscal_year, network_code, district_code, province_code);

-- A rated activity's count and sum of ratings, refreshed when its rating question closes and
-- when paper ratings are entered: the evaluation's means without reading every rating.
CREATE TABLE rating_totals (
    activity_id BIGINT PRIMARY KEY REFERENCES activities (id),
    ratings BIGINT NOT NULL,
    total BIGINT NOT NULL
);

-- The latest approved reports of a province, newest decision first.
CREATE INDEX reports_decided ON reports (province_code, status, decided_at);
