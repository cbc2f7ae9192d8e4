-- The authority's review findings on a controller's adherence to a code of conduct (issue 8),
-- in the same table and workflow as the findings on an assessment: a finding is about exactly
-- one of the two.
ALTER TABLE review_findings ALTER COLUMN assessment_id DROP NOT NULL;
ALTER TABLE review_findings ADD COLUMN adherence_id TEXT;
ALTER TABLE review_findings ADD CONSTRAINT review_findings_adherence_fkey
    FOREIGN KEY (org_id, adherence_id) REFERENCES adherences (org_id, id);
ALTER TABLE review_findings ADD CONSTRAINT review_findings_one_subject
    CHECK ((assessment_id IS NULL) <> (adherence_id IS NULL));
CREATE INDEX review_findings_by_adherence ON review_findings (org_id, adherence_id, created_at);
