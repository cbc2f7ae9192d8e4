-- The language a template's content is written in (issue 15); the demo and real central material are Danish.
ALTER TABLE templates ADD COLUMN language TEXT NOT NULL DEFAULT 'da';
