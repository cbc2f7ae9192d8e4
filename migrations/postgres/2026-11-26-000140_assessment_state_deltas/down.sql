-- Refused while any state is stored as a delta: without these columns its text could not be
-- read again, and the as-of history would be lost (restore a backup taken before instead).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM assessment_states WHERE delta_from IS NOT NULL) THEN
        RAISE EXCEPTION 'assessment states are stored as deltas; reverting would lose them';
    END IF;
END $$;
ALTER TABLE assessment_states DROP COLUMN delta_suffix;
ALTER TABLE assessment_states DROP COLUMN delta_prefix;
ALTER TABLE assessment_states DROP COLUMN delta_from;
