import { normalize } from './filters.ts'

/** Someone the picker offers. */
export interface Pickable {
  id: string
  name: string
  organization?: string | null
}

/** An `@` being typed: where it starts in the text and what follows it up to the caret. */
export interface MentionQuery {
  start: number
  query: string
}

/** The longest query the picker follows (a name and a half); past it, the `@` is taken for plain text. */
const maxQuery = 40

/**
 * The mention being typed at `caret`, if any: an `@` at the start or after a space or punctuation, followed
 * by at most a few words without line breaks (names have spaces, so "@Li W" still asks for "Li W").
 */
export function mentionQuery(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret)
  const at = before.lastIndexOf('@')
  if (at < 0) return null
  const previous = before[at - 1]
  if (previous !== undefined && /[\p{L}\p{N}_]/u.test(previous)) return null
  const query = before.slice(at + 1)
  if (query.length > maxQuery || /[\n@]/.test(query) || /^\s/.test(query) || /\s{2}/.test(query)) return null
  return { start: at, query }
}

/**
 * The people matching a query, best first: names starting with it, then names with a word starting with it,
 * then names containing it (accents and case ignored), at most `limit`. An empty query lists everyone.
 */
export function filterPeople<P extends Pickable>(people: readonly P[], query: string, limit = 8): P[] {
  const q = normalize(query.trim())
  const ranked: { person: P; rank: number }[] = []
  for (const person of people) {
    const name = normalize(person.name)
    const rank = !q
      ? 0
      : name.startsWith(q)
        ? 0
        : name.split(/\s+/).some((word) => word.startsWith(q))
          ? 1
          : name.includes(q)
            ? 2
            : -1
    if (rank >= 0) ranked.push({ person, rank })
  }
  const collator = new Intl.Collator(undefined, { sensitivity: 'base' })
  ranked.sort((a, b) => a.rank - b.rank || collator.compare(a.person.name, b.person.name))
  return ranked.slice(0, limit).map((entry) => entry.person)
}

/** The text with the `@query` being typed replaced by "@Full Name ", and where the caret goes after it. */
export function insertMention(
  text: string,
  mention: MentionQuery,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const inserted = `@${name} `
  const after = text.slice(caret).replace(/^ /, '')
  return { text: text.slice(0, mention.start) + inserted + after, caret: mention.start + inserted.length }
}
