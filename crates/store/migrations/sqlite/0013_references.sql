-- A province's own virtue answers two questions: the problem it wants to solve (kept here)
-- and the good it wants to do (its name).
ALTER TABLE plan_references ADD COLUMN problem TEXT NOT NULL DEFAULT '';
