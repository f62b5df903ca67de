-- A phone that retries an answer sends the same key again; the answer is kept once.
ALTER TABLE phrases ADD COLUMN client_key TEXT;
CREATE UNIQUE INDEX phrases_client_key ON phrases (participant_id, client_key);
ALTER TABLE activities ADD COLUMN client_key TEXT;
CREATE UNIQUE INDEX activities_client_key ON activities (participant_id, client_key);
-- The live tally reads ratings by activity and value only: a covering index spares it the table.
CREATE INDEX ratings_tally ON ratings (activity_id, value);
