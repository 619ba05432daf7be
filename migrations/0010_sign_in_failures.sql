-- Failed sign-ins, by account and by IP address, for rate limiting across processes. Old rows are pruned.
CREATE TABLE sign_in_failures (
  key text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX sign_in_failures_key_at_idx ON sign_in_failures (key, at);
