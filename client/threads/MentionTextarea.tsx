import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks'
import type { DocumentPerson } from '../api/types.ts'
import { flagEmoji } from '../editor/presence-model.ts'
import { t, tp } from '../i18n/i18n.ts'
import { filterPeople, insertMention, type MentionQuery, mentionQuery } from './mention-picker.ts'

/** The props of a comment textarea. */
export interface MentionTextareaProps {
  id: string
  value: string
  onValue: (value: string) => void
  people: readonly DocumentPerson[]
  maxLength: number
  rows?: number
  /** Extra description (the counter, an error), by id. */
  describedBy?: string
  invalid?: boolean
  autoFocus?: boolean
  /** Ctrl+Enter / Cmd+Enter. */
  onSubmit?: () => void
  /** Escape while no list is open. */
  onEscape?: () => void
}

/**
 * A textarea for a comment with an @mention picker: typing `@` and part of a name lists the matching members
 * (ArrowUp/ArrowDown choose, Enter or Tab inserts "@Full Name ", Escape closes the list). The textarea keeps
 * focus and points at the highlighted option (aria-activedescendant); a live line says how many match.
 */
export function MentionTextarea(props: MentionTextareaProps) {
  const { id, value, onValue, people, maxLength, rows = 3 } = props
  const area = useRef<HTMLTextAreaElement>(null)
  const listId = useId()
  const [query, setQuery] = useState<MentionQuery | null>(null)
  const [highlighted, setHighlighted] = useState(0)
  const [dismissed, setDismissed] = useState<number | null>(null)
  const matches = query && dismissed !== query.start ? filterPeople(people, query.query) : []
  const open = matches.length > 0
  const index = Math.min(highlighted, matches.length - 1)
  const autoFocus = props.autoFocus

  // Browsers honour `autofocus` only when a page loads: focus a box that appears in answer to a click here,
  // as soon as it exists, so the first key typed after the click lands in it.
  useLayoutEffect(() => {
    if (!autoFocus) return
    const element = area.current
    if (!element) return
    // Without scrolling: the box may not be in its place yet (the sidebar places cards after rendering).
    element.focus({ preventScroll: true })
    element.setSelectionRange(element.value.length, element.value.length)
    const frame = requestAnimationFrame(() => element.scrollIntoView({ block: 'nearest' }))
    return () => cancelAnimationFrame(frame)
  }, [autoFocus])

  const track = (element: HTMLTextAreaElement) => {
    const next = mentionQuery(element.value, element.selectionStart ?? element.value.length)
    setQuery(next)
    if (next?.start !== query?.start || next?.query !== query?.query) setHighlighted(0)
    if (next === null || next.start !== dismissed) setDismissed(null)
  }

  const choose = (person: DocumentPerson) => {
    const element = area.current
    if (!element || !query) return
    const caret = element.selectionStart ?? value.length
    const next = insertMention(value, query, caret, person.name)
    const text = next.text.slice(0, maxLength)
    // Write the text and caret now, before the next key arrives; the render that follows finds them in place.
    element.value = text
    element.focus()
    element.setSelectionRange(Math.min(next.caret, text.length), Math.min(next.caret, text.length))
    onValue(text)
    setQuery(null)
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault()
        const step = event.key === 'ArrowDown' ? 1 : -1
        setHighlighted((index + step + matches.length) % matches.length)
        return
      }
      if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
        event.preventDefault()
        choose(matches[index]!)
        return
      }
      if (event.key === 'Escape') {
        event.preventDefault()
        event.stopPropagation()
        setDismissed(query?.start ?? null)
        return
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      props.onSubmit?.()
    } else if (event.key === 'Escape' && props.onEscape) {
      event.preventDefault()
      event.stopPropagation()
      props.onEscape()
    }
  }

  return (
    <div class="mention-field">
      <textarea
        ref={area}
        id={id}
        rows={rows}
        maxLength={maxLength}
        value={value}
        aria-autocomplete="list"
        aria-controls={listId}
        aria-activedescendant={open ? `${listId}-${index}` : undefined}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid || undefined}
        onInput={(event) => {
          onValue(event.currentTarget.value)
          track(event.currentTarget)
        }}
        onKeyDown={onKeyDown}
        onKeyUp={(event) => {
          if (
            event.key === 'ArrowLeft' ||
            event.key === 'ArrowRight' ||
            event.key === 'Home' ||
            event.key === 'End'
          )
            track(event.currentTarget)
        }}
        onClick={(event) => track(event.currentTarget)}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
      />
      <div
        id={listId}
        class="mention-list"
        role="listbox"
        aria-label={t('threads.mention.list')}
        hidden={!open}
      >
        {matches.map((person, i) => (
          // biome-ignore lint/a11y/useFocusableInteractive lint/a11y/useKeyWithClickEvents: options stay unfocusable (aria-activedescendant points at them); the textarea handles the keys
          <div
            key={person.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === index}
            class={i === index ? 'mention-option is-highlighted' : 'mention-option'}
            // Keep focus in the textarea: the click chooses.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(person)}
          >
            {flagEmoji(person.country) && <span aria-hidden="true">{flagEmoji(person.country)} </span>}
            <span class="mention-name">{person.name}</span>
            {person.organization && <span class="mention-org"> · {person.organization}</span>}
          </div>
        ))}
      </div>
      <p class="visually-hidden" role="status">
        {open ? tp('threads.mention.count', matches.length) : ''}
      </p>
    </div>
  )
}
