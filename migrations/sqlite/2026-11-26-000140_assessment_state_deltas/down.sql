-- Refused while any state is stored as a delta: without these columns its text could not be
-- read again, and the as-of history would be lost (restore a backup taken before instead).
-- SQLite has no RAISE outside triggers: a CHECK on a scratch table refuses the count.
CREATE TEMP TABLE revert_assessment_state_deltas (deltas INTEGER CHECK (deltas = 0));
INSERT INTO revert_assessment_state_deltas
    SELECT COUNT(*) FROM assessment_states WHERE delta_from IS NOT NULL;
DROP TABLE revert_assessment_state_deltas;
ALTER TABLE assessment_states DROP COLUMN delta_suffix;
ALTER TABLE assessment_states DROP COLUMN delta_prefix;
ALTER TABLE assessment_states DROP COLUMN delta_from;
