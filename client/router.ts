import { useEffect, useState } from 'preact/hooks'

/** A page of the client, with what its address carries. */
export type Route =
  | { name: 'documents' }
  | { name: 'login' }
  | { name: 'forgot' }
  | { name: 'profile' }
  | { name: 'admin' }
  | { name: 'document'; id: string }
  | { name: 'members'; id: string }
  | { name: 'versions'; id: string }
  | { name: 'disposition'; id: string }
  | { name: 'invite'; token: string }
  | { name: 'reset'; token: string }
  | { name: 'notFound' }

/** Where the browser is, in the parts the router reads. */
export interface Place {
  pathname: string
  search: string
  hash: string
}

/** Paths the server answers itself: links to them (downloads, exports) are left to the browser. */
const serverPaths = /^\/(api|collab|healthz|readyz)(\/|$)/

/** Pages at a fixed address, with or without a trailing slash. */
const fixedRoutes: Record<string, Route> = {
  '/login': { name: 'login' },
  '/forgot': { name: 'forgot' },
  '/profile': { name: 'profile' },
  '/admin': { name: 'admin' },
}

/** Pages whose address carries one value, tried in order. */
const paramRoutes: [RegExp, (value: string) => Route][] = [
  [/^\/documents\/([^/]+)\/?$/, (id) => ({ name: 'document', id })],
  [/^\/documents\/([^/]+)\/members\/?$/, (id) => ({ name: 'members', id })],
  [/^\/documents\/([^/]+)\/versions\/?$/, (id) => ({ name: 'versions', id })],
  [/^\/documents\/([^/]+)\/disposition\/?$/, (id) => ({ name: 'disposition', id })],
  [/^\/invite\/([^/]+)\/?$/, (token) => ({ name: 'invite', token })],
  [/^\/reset\/([^/]+)\/?$/, (token) => ({ name: 'reset', token })],
]

/**
 * Which page an address shows: '/', '/login', '/forgot', '/profile', '/admin', '/documents/:id',
 * '/documents/:id/members', '/documents/:id/versions', '/documents/:id/disposition', '/invite/:token',
 * '/reset/:token'; anything else is not found.
 */
export function matchRoute(pathname: string): Route {
  if (pathname === '/') return { name: 'documents' }
  const trimmed = pathname.replace(/(.)\/$/, '$1')
  if (Object.hasOwn(fixedRoutes, trimmed)) return fixedRoutes[trimmed]!
  for (const [pattern, route] of paramRoutes) {
    const match = pattern.exec(pathname)
    if (!match) continue
    try {
      return route(decodeURIComponent(match[1]!))
    } catch {
      return { name: 'notFound' }
    }
  }
  return { name: 'notFound' }
}

/** Whether a page needs a signed-in user; signed-out visitors are sent to sign in first. */
export function needsSession(route: Route): boolean {
  return ['documents', 'document', 'members', 'versions', 'disposition', 'profile', 'admin'].includes(
    route.name,
  )
}

/**
 * Where to go after signing in: `next` when it is a path on this site, else '/'. It must start with a single
 * '/' ("//evil.example" and "/\evil.example" leave the site), hold no whitespace or control characters (which
 * URL parsing drops, turning "/\t/evil.example" into "//evil.example"), and not lead back to /login.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !/^\/(?![/\\])/.test(next) || /[\s\p{Cc}\\]/u.test(next)) return '/'
  const { pathname } = new URL(next, 'http://x.invalid')
  return pathname === '/login' || pathname === '/login/' ? '/' : next
}

/** The sign-in address that brings the user back to `place` afterwards ('/' needs no `next`). */
export function loginPath(place: Place): string {
  const next = `${place.pathname}${place.search}${place.hash}`
  return next === '/' ? '/login' : `/login?${new URLSearchParams({ next })}`
}

/** The current place in the browser. */
export function currentPlace(): Place {
  const { pathname, search, hash } = window.location
  return { pathname, search, hash }
}

const listeners = new Set<() => void>()

/** Goes to a path on this site without reloading the page; `replace` keeps it out of the back history. */
export function navigate(to: string, { replace = false } = {}): void {
  const url = new URL(to, window.location.href)
  const target = `${url.pathname}${url.search}${url.hash}`
  if (replace) window.history.replaceState(null, '', target)
  else window.history.pushState(null, '', target)
  if (!replace && !url.hash) window.scrollTo(0, 0)
  for (const listener of listeners) listener()
}

/** Subscribes to every change of place, from navigate() or from the back and forward buttons. */
export function onPlaceChange(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}

/** The current place, re-rendering the component whenever it changes. */
export function usePlace(): Place {
  const [place, setPlace] = useState(currentPlace)
  useEffect(() => onPlaceChange(() => setPlace(currentPlace())), [])
  return place
}

/**
 * Turns clicks on links to this site's pages into navigate() calls. Leaves alone what the browser should handle:
 * modified or non-primary clicks, other targets, downloads, other origins, server paths and same-page #anchors.
 */
export function interceptLinks(root: Document = document): () => void {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    const anchor = (event.target as Element | null)?.closest?.('a[href]')
    if (!(anchor instanceof HTMLAnchorElement)) return
    if ((anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return
    const url = new URL(anchor.href, window.location.href)
    const here = window.location
    if (url.origin !== here.origin || serverPaths.test(url.pathname)) return
    if (url.hash && url.pathname === here.pathname && url.search === here.search) return
    event.preventDefault()
    navigate(`${url.pathname}${url.search}${url.hash}`)
  }
  root.addEventListener('click', onClick)
  return () => root.removeEventListener('click', onClick)
}

/**
 * Where the app must send the browser before showing `route`, or null to show it: signed-out visitors to
 * sign in (coming back afterwards), signed-in users away from /login to where they were going.
 */
export function redirectFor(signedIn: boolean, route: Route, place: Place): string | null {
  if (!signedIn && needsSession(route)) return loginPath(place)
  if (signedIn && route.name === 'login') return safeNext(new URLSearchParams(place.search).get('next'))
  return null
}
