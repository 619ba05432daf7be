/** Someone who can be mentioned: a member of the document. */
export interface Mentionable {
  id: string
  name: string
}

const isWordCharacter = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch)

/**
 * The members a plain-text body mentions as `@Their Name` (case-insensitive; the longest name wins, so
 * "@Li Wei" is not taken for a member called "Li"; a name must end at a word boundary).
 */
export function findMentions(body: string, members: readonly Mentionable[]): string[] {
  const byLength = [...members].sort((a, b) => b.name.length - a.name.length)
  const lower = body.toLocaleLowerCase()
  const found = new Set<string>()
  for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
    if (isWordCharacter(lower[at - 1])) continue
    for (const member of byLength) {
      const name = member.name.toLocaleLowerCase()
      if (
        name.length > 0 &&
        lower.startsWith(name, at + 1) &&
        !isWordCharacter(lower[at + 1 + name.length])
      ) {
        found.add(member.id)
        break
      }
    }
  }
  return [...found]
}
