import { useEffect, useRef } from 'preact/hooks'
import type { PasswordResetLink } from '../../api/types.ts'
import { CopyField } from '../../components/CopyField.tsx'
import { formatDate, t } from '../../i18n/i18n.ts'

/** A password link just made for someone: the URL with Copy, when it stops working, and Done to hide it. */
export function PasswordLink({
  name,
  link,
  onDone,
}: {
  name: string
  link: PasswordResetLink
  onDone: () => void
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [link.url])
  return (
    <section class="callout" aria-labelledby="password-link-heading">
      <h3 id="password-link-heading" ref={heading} tabIndex={-1}>
        {t('admin.link.heading', { name })}
      </h3>
      <CopyField
        id="password-link-url"
        label={t('admin.link.url')}
        value={link.url}
        hint={t('admin.link.hint', {
          date: formatDate(link.expiresAt, { dateStyle: 'long', timeStyle: 'short' }),
        })}
      />
      <button type="button" class="button button-quiet" onClick={onDone}>
        {t('admin.link.done')}
      </button>
    </section>
  )
}
