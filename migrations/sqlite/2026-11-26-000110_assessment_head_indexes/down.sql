DROP INDEX assessments_versions;
DROP INDEX assessments_heads;
