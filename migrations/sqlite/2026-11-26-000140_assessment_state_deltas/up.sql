-- As-of states as deltas (issue 18, docs/PERFORMANCE.md "The override write"). A state
-- with `delta_from` set keeps in `local_changes` only the middle of its text that differs
-- from the state of version `delta_from`: its text is that state's first `delta_prefix`
-- bytes, then `local_changes`, then that state's last `delta_suffix` bytes. A state with
-- `delta_from` NULL holds its full text, as every state written before this migration does.
ALTER TABLE assessment_states ADD COLUMN delta_from BIGINT;
ALTER TABLE assessment_states ADD COLUMN delta_prefix BIGINT;
ALTER TABLE assessment_states ADD COLUMN delta_suffix BIGINT;
