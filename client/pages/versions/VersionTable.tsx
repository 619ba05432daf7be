import type { Version } from '../../api/versions.ts'
import { formatDate, t } from '../../i18n/i18n.ts'
import { isAutomatic } from './compare.ts'

/** What a row's buttons ask for. */
export interface VersionActions {
  onView: (version: Version) => void
  onCompareNow: (version: Version) => void
  /** Present only for members who may restore (`manage_versions`). */
  onRestore?: ((version: Version) => void) | undefined
}

/**
 * The kept versions, newest first: name, kind (named, or automatic and why), who kept it and when, with
 * View, Compare with now and (for editors) Restore.
 */
export function VersionTable({ versions, actions }: { versions: Version[]; actions: VersionActions }) {
  return (
    <div class="table-scroll">
      <table class="table versions-table">
        <thead>
          <tr>
            <th scope="col">{t('versions.col.name')}</th>
            <th scope="col">{t('versions.col.kind')}</th>
            <th scope="col">{t('versions.col.author')}</th>
            <th scope="col">{t('versions.col.date')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr key={version.id} data-version-id={version.id}>
              <th scope="row" class="version-name">
                {version.name}
              </th>
              <td>
                <span class={isAutomatic(version) ? 'badge badge-automatic' : 'badge badge-named'}>
                  {t(`versions.kind.${version.kind}`)}
                </span>
              </td>
              <td>{version.createdBy?.name ?? t('versions.byMarginalia')}</td>
              <td>
                <time dateTime={version.createdAt}>
                  {formatDate(version.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
                </time>
              </td>
              <td>
                <div class="row-actions">
                  <button
                    type="button"
                    class="button button-quiet button-small"
                    aria-label={t('versions.view.label', { name: version.name })}
                    onClick={() => actions.onView(version)}
                  >
                    {t('versions.view')}
                  </button>
                  <button
                    type="button"
                    class="button button-quiet button-small"
                    aria-label={t('versions.compareNow.label', { name: version.name })}
                    onClick={() => actions.onCompareNow(version)}
                  >
                    {t('versions.compareNow')}
                  </button>
                  {actions.onRestore && (
                    <button
                      type="button"
                      class="button button-quiet button-small"
                      aria-label={t('versions.restore.label', { name: version.name })}
                      onClick={() => actions.onRestore?.(version)}
                    >
                      {t('versions.restore')}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
