import { useEffect, useRef, useState } from 'preact/hooks'
import type { EditorView } from 'prosemirror-view'
import type { Awareness } from 'y-protocols/awareness'
import { formatCountry, getLocale, type MessageKey, t, tp } from '../i18n/i18n.ts'
import { flagEmoji, type PresenceEntry, presenceEntries } from './presence-model.ts'

/** The people present in the awareness, kept current. */
function usePresence(awareness: Awareness, selfUserId: string): PresenceEntry[] {
  const read = () => presenceEntries(awareness.getStates(), selfUserId, getLocale())
  const [entries, setEntries] = useState(read)
  useEffect(() => {
    const onChange = () => setEntries(read())
    onChange()
    awareness.on('change', onChange)
    return () => awareness.off('change', onChange)
  }, [awareness, selfUserId])
  return entries
}

/** A role name in words when we know it, else as sent. */
function roleName(role: string): string {
  return ['viewer', 'commenter', 'author', 'editor', 'owner'].includes(role)
    ? t(`role.${role}` as MessageKey)
    : role
}

/**
 * Who is here: a colour dot, a flag, the name and role of each person with the draft open. Pressing a person
 * follows their cursor: it is scrolled into view, and kept there while they move, until I scroll, press a key
 * or click elsewhere.
 */
export function Presence({
  awareness,
  selfUserId,
  view,
}: {
  awareness: Awareness
  selfUserId: string
  view: EditorView
}) {
  const entries = usePresence(awareness, selfUserId)
  const [followed, setFollowed] = useState<string | null>(null)
  const [inText, setInText] = useState(true)
  const list = useRef<HTMLElement>(null)
  const entriesRef = useRef(entries)
  entriesRef.current = entries
  const person = entries.find((entry) => entry.id === followed) ?? null

  useEffect(() => {
    if (followed && !person) setFollowed(null)
  }, [followed, person])

  useEffect(() => {
    if (!followed) return
    let frame = 0
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches
    const follow = () => {
      cancelAnimationFrame(frame)
      // After the cursor plugin redrew the carets for this awareness change.
      frame = requestAnimationFrame(() => {
        const entry = entriesRef.current.find((candidate) => candidate.id === followed)
        if (!entry) return
        const caret = entry.clientIds
          .map((id) => view.dom.querySelector<HTMLElement>(`.remote-caret[data-client="${id}"]`))
          .find((element) => element !== null)
        setInText(Boolean(caret))
        if (!caret) return
        const box = caret.getBoundingClientRect()
        const margin = 80
        if (box.top < margin || box.bottom > window.innerHeight - margin) {
          caret.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reduced ? 'auto' : 'smooth' })
        }
      })
    }
    const stop = () => setFollowed(null)
    const outside = (event: Event) => {
      if (!list.current?.contains(event.target as Node)) stop()
    }
    follow()
    awareness.on('change', follow)
    window.addEventListener('wheel', stop, { passive: true })
    window.addEventListener('touchmove', stop, { passive: true })
    window.addEventListener('pointerdown', outside)
    window.addEventListener('keydown', outside)
    return () => {
      cancelAnimationFrame(frame)
      awareness.off('change', follow)
      window.removeEventListener('wheel', stop)
      window.removeEventListener('touchmove', stop)
      window.removeEventListener('pointerdown', outside)
      window.removeEventListener('keydown', outside)
    }
  }, [followed, awareness, view])

  return (
    <section ref={list} class="presence" aria-labelledby="presence-heading">
      <h3 id="presence-heading" class="presence-heading">
        {t('editor.presence.heading')}
        <span class="visually-hidden">: {tp('editor.presence.count', entries.length)}</span>
      </h3>
      <ul class="presence-list">
        {entries.map((entry) => (
          <li key={entry.id}>
            {entry.isSelf ? (
              <span class="presence-person is-self">
                <PersonLabel entry={entry} />
              </span>
            ) : (
              <button
                type="button"
                class="presence-person"
                aria-pressed={followed === entry.id}
                title={t('editor.presence.follow', { name: entry.name })}
                onClick={() => {
                  setInText(true)
                  setFollowed(followed === entry.id ? null : entry.id)
                }}
              >
                <PersonLabel entry={entry} />
              </button>
            )}
          </li>
        ))}
      </ul>
      <p class="presence-following" role="status">
        {person &&
          (inText
            ? t('editor.presence.following', { name: person.name })
            : t('editor.presence.notInText', { name: person.name }))}
        {person && (
          <>
            {' '}
            <button type="button" class="link-button" onClick={() => setFollowed(null)}>
              {t('editor.presence.stop')}
            </button>
          </>
        )}
      </p>
    </section>
  )
}

function PersonLabel({ entry }: { entry: PresenceEntry }) {
  const flag = flagEmoji(entry.country)
  return (
    <>
      <span class="presence-dot" aria-hidden="true" style={{ backgroundColor: entry.color }} />
      {flag && (
        <span class="presence-flag" role="img" aria-label={formatCountry(entry.country ?? '')}>
          {flag}
        </span>
      )}
      <span class="presence-name">
        {entry.isSelf ? t('editor.presence.you', { name: entry.name }) : entry.name}
      </span>
      {entry.role && <span class="presence-role">{roleName(entry.role)}</span>}
    </>
  )
}
