-- The large JSON columns (an assessment's local changes, ~115 KB at national scale, written
-- twice per write; a template version's content) are compressed with lz4 instead of the
-- default pglz: an override write spent ~1.5 ms compressing them (docs/PERFORMANCE.md).
-- lz4 needs PostgreSQL 14+ built with it (Debian's is); elsewhere the columns keep pglz,
-- which only costs speed, so the migration never fails on it. The statements go through
-- EXECUTE so that PostgreSQL 13, which lacks the syntax, fails at run time inside the block
-- (where the handler catches it) rather than when the block is compiled.
DO $$
BEGIN
    EXECUTE 'ALTER TABLE assessments ALTER COLUMN local_changes SET COMPRESSION lz4';
    EXECUTE 'ALTER TABLE assessment_states ALTER COLUMN local_changes SET COMPRESSION lz4';
    EXECUTE 'ALTER TABLE assessment_revisions ALTER COLUMN local_changes SET COMPRESSION lz4';
    EXECUTE 'ALTER TABLE template_versions ALTER COLUMN content SET COMPRESSION lz4';
    EXECUTE 'ALTER TABLE adherences ALTER COLUMN answers SET COMPRESSION lz4';
EXCEPTION
    WHEN feature_not_supported OR syntax_error OR undefined_object OR invalid_parameter_value THEN
        RAISE NOTICE 'lz4 column compression not available; keeping the default';
END
$$;
