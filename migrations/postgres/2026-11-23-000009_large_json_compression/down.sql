DO $$
BEGIN
    EXECUTE 'ALTER TABLE assessments ALTER COLUMN local_changes SET COMPRESSION default';
    EXECUTE 'ALTER TABLE assessment_states ALTER COLUMN local_changes SET COMPRESSION default';
    EXECUTE 'ALTER TABLE assessment_revisions ALTER COLUMN local_changes SET COMPRESSION default';
    EXECUTE 'ALTER TABLE template_versions ALTER COLUMN content SET COMPRESSION default';
    EXECUTE 'ALTER TABLE adherences ALTER COLUMN answers SET COMPRESSION default';
EXCEPTION
    WHEN feature_not_supported OR syntax_error OR undefined_object OR invalid_parameter_value THEN
        NULL;
END
$$;
