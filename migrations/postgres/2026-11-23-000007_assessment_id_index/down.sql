DROP INDEX review_findings_by_id;
DROP INDEX adherences_by_id;
DROP INDEX assessments_by_id;
