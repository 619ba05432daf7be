import { useEffect, useMemo, useState } from 'preact/hooks'
import { getLocale, t, tp } from '../i18n/i18n.ts'
import { type CountryOption, countryOptions, filterCountries, flagEmoji } from './countryOptions.ts'
import { describedBy, FieldFrame } from './Field.tsx'

/** The props of the country picker: the value is an ISO 3166-1 alpha-2 code, or null for none. */
export interface CountryPickerProps {
  id: string
  label: string
  value: string | null
  onChange: (code: string | null) => void
  required?: boolean
  hint?: string | null | undefined
  error?: string | null | undefined
}

/**
 * A searchable list of every country (an ARIA 1.2 combobox with a listbox popup): type part of a country's
 * name in the UI language, or its code, accents optional; arrows move, Enter chooses, Escape closes.
 */
export function CountryPicker({ id, label, value, onChange, required, hint, error }: CountryPickerProps) {
  const locale = getLocale()
  const options = useMemo(() => countryOptions(locale), [locale])
  const chosen = options.find((option) => option.code === value)
  const chosenName = chosen?.name ?? value ?? ''
  const [text, setText] = useState(chosenName)
  const [query, setQuery] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const shown = useMemo(() => filterCountries(options, query), [options, query])
  const listId = `${id}-listbox`
  const optionId = (option: CountryOption) => `${id}-option-${option.code}`

  useEffect(() => setText(chosenName), [chosenName])
  useEffect(() => {
    const option = open && active >= 0 ? shown[active] : undefined
    if (option) document.getElementById(optionId(option))?.scrollIntoView?.({ block: 'nearest' })
  }, [open, active, shown])

  const openList = (all: boolean) => {
    const matches = all ? options : shown
    if (all) setQuery('')
    setActive(
      Math.max(
        0,
        matches.findIndex((option) => option.code === value),
      ),
    )
    setOpen(true)
  }
  const close = () => {
    setOpen(false)
    setActive(-1)
  }
  const choose = (option: CountryOption) => {
    onChange(option.code)
    setText(option.name)
    setQuery('')
    close()
  }
  /** Leaving the field keeps an unambiguous match, clears the value when emptied, else restores the choice. */
  const commit = () => {
    if (!open && text === chosenName) return
    const only = shown.length === 1 ? shown[0] : undefined
    if (query !== '' && only) choose(only)
    else if (text.trim() === '') {
      onChange(null)
      setQuery('')
      close()
    } else {
      setText(chosenName)
      setQuery('')
      close()
    }
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      if (!open) return openList(query === '')
      if (event.altKey && event.key === 'ArrowUp') return close()
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((index) => Math.min(shown.length - 1, Math.max(0, index + step)))
    } else if (event.key === 'Enter' && open) {
      event.preventDefault()
      const option = shown[active]
      if (option) choose(option)
    } else if (event.key === 'Escape' && (open || text !== chosenName)) {
      event.preventDefault()
      event.stopPropagation()
      setText(chosenName)
      setQuery('')
      close()
    }
  }

  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <div class="combobox">
        <input
          id={id}
          name={id}
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck={false}
          required={required}
          value={text}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && shown[active] ? optionId(shown[active]) : undefined}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy(id, hint, error)}
          onInput={(event) => {
            const typed = event.currentTarget.value
            setText(typed)
            setQuery(typed)
            setActive(typed.trim() === '' ? -1 : 0)
            setOpen(true)
          }}
          onKeyDown={onKeyDown}
          onClick={() => (open ? close() : openList(query === ''))}
          onBlur={commit}
        />
        <div
          id={listId}
          role="listbox"
          aria-label={label}
          class="combobox-list"
          hidden={!open || shown.length === 0}
        >
          {shown.map((option, index) => (
            // biome-ignore lint/a11y/useFocusableInteractive lint/a11y/useKeyWithClickEvents: options of a combobox stay unfocusable (aria-activedescendant points at them); the input handles the keys
            <div
              key={option.code}
              id={optionId(option)}
              role="option"
              aria-selected={index === active}
              class={option.code === value ? 'combobox-option is-chosen' : 'combobox-option'}
              // Keep focus in the input: the click chooses, the blur would otherwise close the list first.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(option)}
            >
              <span aria-hidden="true">{flagEmoji(option.code)}</span> {option.name}{' '}
              <span class="combobox-code">{option.code}</span>
            </div>
          ))}
        </div>
        {open && shown.length === 0 && <p class="combobox-empty">{t('country.noMatch')}</p>}
        <p class="visually-hidden" role="status">
          {open && query !== '' ? tp('country.results', shown.length) : ''}
        </p>
      </div>
    </FieldFrame>
  )
}
