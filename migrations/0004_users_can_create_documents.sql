-- Who may create documents besides instance admins.
ALTER TABLE users ADD COLUMN can_create_documents boolean NOT NULL DEFAULT false;
