-- Participant numbers come from a counter on the cycle: the row lock of the UPDATE serializes
-- concurrent joins on PostgreSQL, where MAX(number) + 1 could hand one number out twice.
ALTER TABLE cycles ADD COLUMN participant_counter BIGINT NOT NULL DEFAULT 0;
UPDATE cycles SET participant_counter =
    (SELECT COALESCE(MAX(p.number), 0) FROM participants p WHERE p.cycle_id = cycles.id);
