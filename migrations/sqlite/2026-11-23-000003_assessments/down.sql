DROP TABLE assessment_states;
DROP TABLE assessment_revisions;
DROP TABLE assessments;
