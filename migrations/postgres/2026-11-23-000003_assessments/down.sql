DROP TABLE assessment_states;
DROP TRIGGER assessment_revisions_are_immutable ON assessment_revisions;
DROP FUNCTION assessment_revisions_guard();
DROP TABLE assessment_revisions;
DROP TABLE assessments;
