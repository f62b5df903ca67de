-- The search index, written in the transaction of every change to what it finds, so that any
-- instance finds what was committed. One document per record; its terms are the words and
-- adjacent-word runs of sermphalang_thai::search, stored as 64-bit hashes.
--
-- audience: 'public' (anyone), 'members' (signed-in accounts of the province) or 'editors'
-- (those who may change that kind of record, for drafts). parent_id is what a link to the record
-- needs besides its id (a plan entry's plan).
CREATE TABLE search_documents (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    ref_id BIGINT NOT NULL,
    parent_id BIGINT,
    province_code BIGINT,
    audience TEXT NOT NULL,
    archived BIGINT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    dated TEXT NOT NULL,
    UNIQUE (kind, ref_id)
);
CREATE INDEX search_documents_scope ON search_documents (province_code, kind);

-- A term's postings, kept apart by partition: one province's (0: national) records of one kind
-- for one audience, so that a search reads only the partitions its searcher may see, each in
-- one range of the key. A public record of a province is also posted in province 0's "public
-- everywhere" partition, for the open search. weight is how strongly the document holds the
-- term (a title's word counts more than a body's). See search::partition.
CREATE TABLE search_postings (
    term BIGINT NOT NULL,
    scope BIGINT NOT NULL,
    document_id BIGINT NOT NULL,
    weight BIGINT NOT NULL,
    PRIMARY KEY (term, scope, document_id)
) WITHOUT ROWID;
CREATE INDEX search_postings_document ON search_postings (document_id);

-- Which version of the terms the index holds: a new version indexes everything again.
CREATE TABLE search_state (
    version BIGINT NOT NULL
);

-- The lists' substring search is replaced by the index.
ALTER TABLE organizations DROP COLUMN search_text;
ALTER TABLE people DROP COLUMN search_text;
