import { useDocumentTitle } from '../app/useDocumentTitle.ts'
import { t } from '../i18n/i18n.ts'

/** Nothing here: an unknown address, or (kind "document") a document that is absent or not shared with me. */
export function NotFoundPage({ kind = 'page' }: { kind?: 'page' | 'document' }) {
  const title = kind === 'document' ? t('notFound.documentTitle') : t('notFound.title')
  useDocumentTitle(title)
  return (
    <div class="narrow">
      <h1>{title}</h1>
      <p>{kind === 'document' ? t('notFound.documentBody') : t('notFound.body')}</p>
      <p>
        <a href="/">{t('notFound.home')}</a>
      </p>
    </div>
  )
}
