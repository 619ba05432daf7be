import type { DispositionRowDto, DispositionTableDto } from '../../shared/api/disposition.ts'
import type { UserDto } from '../../shared/api/users.ts'
import type { AppContext } from '../context.ts'
import type { Membership } from '../policies/access.ts'
import { type DispositionRow, dispositionRows } from './disposition.ts'
import type { DispositionFilters } from './export.service.ts'
import { exportSnapshot } from './snapshot.ts'

// The shared row type and the server's columns must name the same keys, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const sameKeys: Same<DispositionRow, DispositionRowDto> = true
void sameKeys

/**
 * The disposition of comments as JSON for the disposition page: the rows the files are written from, with
 * the same filters and numbering, so the page shows what a download holds. The endpoint asks for
 * `export_with_comments`.
 */
export async function dispositionTable(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  filters: DispositionFilters,
): Promise<DispositionTableDto> {
  const started = performance.now()
  const { threads } = await exportSnapshot(ctx, member, filters)
  const items = dispositionRows(threads)
  ctx.log.info(
    {
      documentId: member.document_id,
      actorId: actor.id,
      rows: items.length,
      ms: Math.round(performance.now() - started),
    },
    'export.disposition.table',
  )
  return { items, nextCursor: null }
}
