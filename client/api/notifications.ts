import { request } from './http.ts'
import { queryString } from './query.ts'
import type { NotificationPage } from './types.ts'

/** My notifications, newest first, with the unread count; `unread` keeps only the unread ones. */
export function listNotifications(
  options: { unread?: boolean; limit?: number; cursor?: string | null; signal?: AbortSignal } = {},
): Promise<NotificationPage> {
  const search = queryString({
    unread: options.unread ? 'true' : undefined,
    limit: options.limit,
    cursor: options.cursor,
  })
  return request(`/api/notifications${search}`, { signal: options.signal })
}

/** Marks notifications read: those named, or all of them when `ids` is left out. */
export function markNotificationsRead(ids?: string[]): Promise<void> {
  return request('/api/notifications/read', { method: 'POST', body: ids ? { ids } : {} })
}
