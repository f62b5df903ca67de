-- Lists filter on the archive state and page in Thai order; counting them should read a small
-- index instead of the rows.
DROP INDEX organizations_list;
CREATE INDEX organizations_list ON organizations (province_code, archived_at, sort_key);
CREATE INDEX organizations_count ON organizations (province_code, archived_at);
DROP INDEX people_list;
CREATE INDEX people_list ON people (province_code, archived_at, sort_key);
CREATE INDEX people_count ON people (province_code, archived_at);
