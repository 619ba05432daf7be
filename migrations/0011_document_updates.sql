-- The live draft's storage: an append-only log of Yjs updates, and a snapshot the log is compacted into.
-- A document's state is its snapshot merged with every logged update after `last_update_id`.
CREATE TABLE document_updates (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  data bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX document_updates_document_idx ON document_updates (document_id, id);

CREATE TABLE document_snapshots (
  document_id uuid PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  state bytea NOT NULL,
  last_update_id bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
