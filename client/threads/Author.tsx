import type { Participant } from '../api/types.ts'
import { flagEmoji } from '../editor/presence-model.ts'
import { formatCountry, t } from '../i18n/i18n.ts'

/** Who wrote something: their country's flag, name and organization. */
export function Author({ person }: { person: Participant | null }) {
  if (!person) return <span class="thread-author">{t('common.unknownPerson')}</span>
  const flag = flagEmoji(person.country)
  return (
    <span class="thread-author">
      {flag && (
        <span class="thread-flag" role="img" aria-label={formatCountry(person.country ?? '')}>
          {flag}
        </span>
      )}
      <span class="thread-author-name">{person.name}</span>
      {person.organization && <span class="thread-author-org">{person.organization}</span>}
    </span>
  )
}
