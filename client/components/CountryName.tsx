import { formatCountry } from '../i18n/i18n.ts'
import { flagEmoji } from './countryOptions.ts'

/** A country as a table shows it: its flag (decorative) and its name in the UI language; nothing for none. */
export function CountryName({ code }: { code: string | null }) {
  if (!code) return null
  return (
    <span class="country-name">
      <span aria-hidden="true">{flagEmoji(code)}</span> {formatCountry(code)}
    </span>
  )
}
