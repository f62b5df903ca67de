-- Files' bytes move to the file store; a row keeps the name the store knows them by. Rows
-- without one still hold their bytes in `data` until they are moved at start-up.
ALTER TABLE files ADD COLUMN storage_key TEXT;
