-- Serves assessment(id) and adherence(id): the primary keys lead with org_id, and a read by id
-- alone must not scan the table (docs/PERFORMANCE.md).
CREATE INDEX assessments_by_id ON assessments (id);
CREATE INDEX adherences_by_id ON adherences (id);
CREATE INDEX review_findings_by_id ON review_findings (id);
