-- Covering indexes for the reads that need an assessment's head but not its local changes
-- (issue 18, docs/PERFORMANCE.md). SQLite keeps the ~115 KB local changes in the row, on
-- overflow pages, before `version` and `updated_at`: reading those from the table walks the
-- whole overflow chain. From these indexes the overview's head read and the memo of answers'
-- version read never touch the row.
CREATE INDEX assessments_heads ON assessments
    (template_id, org_id, id, base_version, status, revision, version, updated_at);
CREATE INDEX assessments_versions ON assessments (id, org_id, version);
