-- The text a document was created with, kept as Markdown until the live draft (Yjs) takes it over.
ALTER TABLE documents ADD COLUMN initial_markdown text;
