-- A training held as the workshop of an evaluation cycle points at the cycle; the cycle's page
-- lists its events.
ALTER TABLE events ADD COLUMN cycle_id BIGINT REFERENCES cycles (id);
CREATE INDEX events_cycle ON events (cycle_id);
-- A registration the secretariat matched with a person of the registry.
ALTER TABLE registrations ADD COLUMN person_id BIGINT REFERENCES people (id);
CREATE INDEX registrations_person ON registrations (person_id);
