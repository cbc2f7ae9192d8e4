-- The language a person reads the web application and their notice e-mails in (issues 15, 16).
-- NULL: not chosen; the browser's Accept-Language decides, else Danish.
ALTER TABLE users ADD COLUMN language TEXT;
