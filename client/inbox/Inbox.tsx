import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks'
import { listNotifications, markNotificationsRead } from '../api/notifications.ts'
import type { Notification } from '../api/types.ts'
import { useNow } from '../app/useNow.ts'
import { formatDate, formatNumber, formatRelative, t, tp } from '../i18n/i18n.ts'
import { navigate } from '../router.ts'

/** How often the unread count is asked for while the tab is open. */
const pollMs = 60_000

/** The link a notification opens: the document, scrolled to the thread. */
export function notificationHref(notification: Notification): string {
  return `/documents/${encodeURIComponent(notification.documentId)}#thread=${encodeURIComponent(notification.threadId)}`
}

/** What happened, in words. */
function describe(notification: Notification): string {
  const name = notification.actor?.name ?? t('common.unknownPerson')
  return t(`inbox.kind.${notification.kind}`, { name })
}

/**
 * The bell in the header: the number of unread notifications (asked every minute and when the tab regains
 * focus), and a panel listing the latest ones. Opening one goes to its thread and marks it read.
 */
export function Inbox() {
  const id = useId()
  const [unread, setUnread] = useState(0)
  const [open, setOpen] = useState(false)
  const [items, setItems] = useState<Notification[] | null>(null)
  const [failed, setFailed] = useState(false)
  const bell = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLDivElement>(null)
  const now = useNow()
  // Bumped by every local change (marking read): answers to requests sent before it are stale.
  const changes = useRef(0)

  const refreshCount = useCallback(() => {
    const seen = changes.current
    listNotifications({ unread: true, limit: 1 }).then(
      (page) => seen === changes.current && setUnread(page.unreadCount),
      () => {},
    )
  }, [])

  useEffect(() => {
    refreshCount()
    const timer = setInterval(refreshCount, pollMs)
    window.addEventListener('focus', refreshCount)
    return () => {
      clearInterval(timer)
      window.removeEventListener('focus', refreshCount)
    }
  }, [refreshCount])

  const load = useCallback(() => {
    setFailed(false)
    const seen = changes.current
    listNotifications({ limit: 30 }).then(
      (page) => {
        if (seen !== changes.current) return
        setItems(page.items)
        setUnread(page.unreadCount)
      },
      () => setFailed(true),
    )
  }, [])

  // Closes on Escape (focus back on the bell) and on a click elsewhere.
  useEffect(() => {
    if (!open) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      setOpen(false)
      bell.current?.focus()
    }
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node
      if (!panel.current?.contains(target) && !bell.current?.contains(target)) setOpen(false)
    }
    document.addEventListener('keydown', onKey)
    document.addEventListener('pointerdown', onPointer)
    return () => {
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('pointerdown', onPointer)
    }
  }, [open])

  // After marking read: ask again, now that the server has it (a list that answered meanwhile was stale).
  const shown = useRef(open)
  shown.current = open
  const resync = () => {
    refreshCount()
    if (shown.current) load()
  }

  const toggle = () => {
    if (!open) load()
    setOpen(!open)
  }

  const follow = (event: MouseEvent, notification: Notification) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    if (!notification.readAt) {
      const readAt = new Date().toISOString()
      changes.current++
      setItems((list) => list?.map((n) => (n.id === notification.id ? { ...n, readAt } : n)) ?? null)
      setUnread((count) => Math.max(0, count - 1))
      markNotificationsRead([notification.id]).then(resync, resync)
    }
    setOpen(false)
    navigate(notificationHref(notification))
  }

  const markAll = () => {
    const readAt = new Date().toISOString()
    changes.current++
    setItems((list) => list?.map((n) => ({ ...n, readAt: n.readAt ?? readAt })) ?? null)
    setUnread(0)
    markNotificationsRead().then(resync, resync)
  }

  return (
    <div class="inbox">
      <button
        ref={bell}
        type="button"
        class="inbox-bell"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        aria-label={unread > 0 ? tp('inbox.bellUnread', unread) : t('inbox.bell')}
        onClick={toggle}
      >
        <svg class="inbox-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15Z" />
          <path d="M10 20.5a2 2 0 0 0 4 0" />
        </svg>
        {unread > 0 && (
          <span class="inbox-count" aria-hidden="true">
            {unread > 99 ? '99+' : formatNumber(unread)}
          </span>
        )}
      </button>
      <div ref={panel} id={`${id}-panel`} class="inbox-panel" hidden={!open}>
        <div class="inbox-head">
          <h2 class="inbox-title">{t('inbox.title')}</h2>
          {unread > 0 && (
            <button type="button" class="link-button" onClick={markAll}>
              {t('inbox.markAll')}
            </button>
          )}
        </div>
        {open && items === null && !failed && <p class="status-loading">{t('inbox.loading')}</p>}
        {failed && (
          <p class="inbox-error" role="alert">
            {t('inbox.error')}{' '}
            <button type="button" class="link-button" onClick={load}>
              {t('common.retry')}
            </button>
          </p>
        )}
        {items?.length === 0 && <p class="empty-line">{t('inbox.empty')}</p>}
        {items && items.length > 0 && (
          <ul class="inbox-list">
            {items.map((notification) => (
              <li key={notification.id} class={notification.readAt ? 'inbox-item' : 'inbox-item is-unread'}>
                <a href={notificationHref(notification)} onClick={(event) => follow(event, notification)}>
                  <span class="inbox-what">
                    {!notification.readAt && <span class="visually-hidden">{t('inbox.unread')} </span>}
                    {describe(notification)}
                  </span>
                  <span class="inbox-document">{notification.documentTitle}</span>
                  {notification.excerpt && <span class="inbox-excerpt">{notification.excerpt}</span>}
                  <time
                    class="inbox-time"
                    dateTime={notification.createdAt}
                    title={formatDate(notification.createdAt, { dateStyle: 'long', timeStyle: 'short' })}
                  >
                    {formatRelative(
                      notification.createdAt,
                      Math.max(now, Date.now(), Date.parse(notification.createdAt)),
                    )}
                  </time>
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  )
}
