-- Who changed membership, roles, phases, and every admin action. document_id is null for instance-wide actions.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id uuid REFERENCES documents (id) ON DELETE CASCADE,
  actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  action text NOT NULL,
  target_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  details jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_log_document_idx ON audit_log (document_id, id DESC);
