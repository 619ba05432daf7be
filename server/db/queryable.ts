import type { QueryResultRow } from 'pg'
import type { PreparedQuery } from './statements.ts'

/**
 * What a repository needs: something that runs a parameterized query. A pool, a pool client and a
 * transaction all fit, so a repository never knows whether it runs inside a transaction.
 */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number | null }>
  /** A statement prepared once per connection (`prepared`, in statements.ts). */
  query<R extends QueryResultRow = QueryResultRow>(
    query: PreparedQuery,
  ): Promise<{ rows: R[]; rowCount: number | null }>
}
