-- Named snapshots of a document: its Yjs state and every thread's state at that moment. Kinds: taken by an
-- editor (manual), or automatically when the phase changes, before an import and before a restore.
CREATE TABLE document_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('manual', 'phase', 'import', 'restore')),
  state bytea NOT NULL,
  threads jsonb NOT NULL DEFAULT '[]',
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX document_versions_document_idx ON document_versions (document_id, created_at DESC, id DESC);
