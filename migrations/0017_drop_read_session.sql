-- The session read (server/db/sessions.repo.ts) is now a named prepared statement: planned once per connection
-- like the plpgsql function of 0016, for half of Postgres's CPU a call.
DROP FUNCTION IF EXISTS read_session(text, double precision, uuid);
