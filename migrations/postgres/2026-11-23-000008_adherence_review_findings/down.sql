-- Back to findings on assessments only; findings on adherences are dropped with the column.
DROP INDEX review_findings_by_adherence;
DELETE FROM review_findings WHERE adherence_id IS NOT NULL;
ALTER TABLE review_findings DROP CONSTRAINT review_findings_one_subject;
ALTER TABLE review_findings DROP CONSTRAINT review_findings_adherence_fkey;
ALTER TABLE review_findings DROP COLUMN adherence_id;
ALTER TABLE review_findings ALTER COLUMN assessment_id SET NOT NULL;
