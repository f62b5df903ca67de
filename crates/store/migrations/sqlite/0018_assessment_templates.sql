-- Assessment templates: the criteria national staff publish, kept as data (the domain's
-- Template as JSON) in versions. A version is a draft until published; a published version
-- never changes, and an assessment keeps the version it was made with. `family` is the id of a
-- template's first version; `example` marks the schemes shipped with the software.
CREATE TABLE assessment_templates (
    id INTEGER PRIMARY KEY,
    family BIGINT,
    version BIGINT NOT NULL,
    subject TEXT NOT NULL,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    example BIGINT NOT NULL DEFAULT 0,
    published_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (family, version)
);
CREATE INDEX assessment_templates_subject ON assessment_templates (subject, published_at);
