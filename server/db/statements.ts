import type pg from 'pg'

/**
 * Whether statements may be prepared by name. Not where every connection is one session (PGlite: the
 * embedded database, or a test's): a statement one connection prepared exists for all of them, while `pg`
 * believes each new connection has none, so the next one to prepare it fails with "prepared statement
 * already exists". Set for the whole process: it talks to one database.
 */
let namedStatements = true

/** A statement `pg` prepares once per connection under `name` and then only binds; unnamed on PGlite. */
export function prepared(name: string, text: string, values: unknown[]): PreparedQuery {
  return namedStatements ? { name, text, values } : { text, values }
}

/** What `prepared` answers: a query config both `pg` pools and clients take. */
export interface PreparedQuery {
  name?: string
  text: string
  values: unknown[]
}

/** Prepares no statement by name from now on (the database shares one session among its connections). */
export function useUnnamedStatements(): void {
  namedStatements = false
}

/** Asks the database what it is, and stops naming statements if it is PGlite. */
export async function detectSharedSession(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ version: string }>('SELECT version()')
  if (rows[0]?.version.includes('PGlite')) useUnnamedStatements()
}
