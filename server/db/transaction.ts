import type pg from 'pg'
import type { Log } from '../log.ts'
import type { Queryable } from './queryable.ts'
import type { PreparedQuery } from './statements.ts'

/** A transaction in progress: run queries on it, and register work for after it commits. */
export interface Transaction extends Queryable {
  /** Runs `hook` once the transaction has committed (never if it rolls back). Use it to publish events. */
  afterCommit(hook: () => void | Promise<void>): void
}

/**
 * Runs `work` inside BEGIN … COMMIT on one pool client, handing the transaction down. Inside it, use only
 * the transaction: with the embedded database a `pool.query` waits for this transaction to end, so it
 * would deadlock. After-commit hooks run in order once COMMIT returns; a failing hook is logged, never
 * turned into a failure of the already committed work.
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  log: Log,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  const client = await pool.connect()
  const hooks: Array<() => void | Promise<void>> = []
  const tx: Transaction = {
    query: ((query: string | PreparedQuery, values?: unknown[]) =>
      typeof query === 'string' ? client.query(query, values) : client.query(query)) as Queryable['query'],
    afterCommit: (hook) => {
      hooks.push(hook)
    },
  }
  let result: T
  try {
    await client.query('BEGIN')
    result = await work(tx)
    await client.query('COMMIT')
  } catch (error) {
    const rolledBack = await client.query('ROLLBACK').then(
      () => true,
      (rollbackError: unknown) => {
        log.error({ err: rollbackError }, 'db.transaction.rollback_failed')
        return false
      },
    )
    // A client whose ROLLBACK failed is in an unknown state: destroy it rather than reuse it.
    client.release(rolledBack ? undefined : true)
    throw error
  }
  client.release()
  for (const hook of hooks) {
    try {
      await hook()
    } catch (error) {
      log.error({ err: error }, 'db.transaction.after_commit_failed')
    }
  }
  return result
}
