/** A card to place in the margin: where its highlight is (`desired`, px from the column's top) and its height. */
export interface CardBox {
  id: string
  desired: number
  height: number
}

/**
 * Places cards in a column beside the text: each as near its highlight as it can be without overlapping
 * the one above (a `gap` between them), none above the column's top. When `activeId` is given, that card sits
 * exactly at its highlight and the cards above it move up to make room (as far as the top allows).
 * The cards must be sorted by `desired`; answers the top of each card, by id, and the column's height.
 */
export function layoutCards(
  cards: readonly CardBox[],
  gap: number,
  activeId: string | null = null,
): { tops: Map<string, number>; height: number } {
  const tops = cards.map((card) => Math.max(0, card.desired))
  // Downwards: push each card below the one before it.
  for (let i = 1; i < cards.length; i++)
    tops[i] = Math.max(tops[i]!, tops[i - 1]! + cards[i - 1]!.height + gap)
  const active = activeId === null ? -1 : cards.findIndex((card) => card.id === activeId)
  if (active >= 0 && tops[active]! > Math.max(0, cards[active]!.desired)) {
    // The active card goes to its highlight; the ones above make room, upwards, without crossing the top.
    tops[active] = Math.max(0, cards[active]!.desired)
    for (let i = active - 1; i >= 0; i--) {
      tops[i] = Math.min(tops[i]!, tops[i + 1]! - cards[i]!.height - gap)
    }
    for (let i = 0; i < cards.length; i++) {
      const floor = i === 0 ? 0 : tops[i - 1]! + cards[i - 1]!.height + gap
      tops[i] = Math.max(tops[i]!, floor)
    }
  }
  const last = cards.length - 1
  return {
    tops: new Map(cards.map((card, i) => [card.id, tops[i]!])),
    height: last < 0 ? 0 : tops[last]! + cards[last]!.height,
  }
}
