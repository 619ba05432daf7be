import { useEffect } from 'preact/hooks'
import { t } from '../i18n/i18n.ts'

/** Names the browser tab after the page ("My documents · Marginalia"), so tabs and history read well. */
export function useDocumentTitle(page: string): void {
  useEffect(() => {
    document.title = t('app.pageTitle', { page })
  }, [page])
}
