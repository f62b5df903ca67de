-- A term's newest postings and the lookups of the others are read from the index alone when
-- it carries the weight; SQLite's table is its own index (WITHOUT ROWID) already.
ALTER TABLE search_postings DROP CONSTRAINT search_postings_pkey; -- postgres only
ALTER TABLE search_postings ADD PRIMARY KEY (term, scope, document_id) INCLUDE (weight); -- postgres only
-- A page of results is chosen by the candidates' dates, read from this index alone.
CREATE INDEX search_documents_dated ON search_documents (id) INCLUDE (dated); -- postgres only
