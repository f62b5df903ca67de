-- A list filtered by district or by kind pages through its own index in Thai order, instead of
-- walking the whole province's list and skipping the rows that do not match.
CREATE INDEX organizations_district ON organizations (province_code, archived_at, district_code, sort_key);
CREATE INDEX organizations_kind ON organizations (province_code, archived_at, kind, sort_key);
