import { describe, expect, it } from 'vitest'
import { loginPath, matchRoute, redirectFor, safeNext } from './router.ts'

describe('matchRoute', () => {
  it('knows the home page, sign-in and a document', () => {
    expect(matchRoute('/')).toEqual({ name: 'documents' })
    expect(matchRoute('/login')).toEqual({ name: 'login' })
    expect(matchRoute('/documents/a%20b')).toEqual({ name: 'document', id: 'a b' })
  })

  it('knows the account, admin, members, invitation and password pages', () => {
    expect(matchRoute('/forgot')).toEqual({ name: 'forgot' })
    expect(matchRoute('/profile/')).toEqual({ name: 'profile' })
    expect(matchRoute('/admin')).toEqual({ name: 'admin' })
    expect(matchRoute('/documents/42/members')).toEqual({ name: 'members', id: '42' })
    expect(matchRoute('/documents/42/versions/')).toEqual({ name: 'versions', id: '42' })
    expect(matchRoute('/documents/42/disposition/')).toEqual({ name: 'disposition', id: '42' })
    expect(matchRoute('/invite/abc-DEF_1')).toEqual({ name: 'invite', token: 'abc-DEF_1' })
    expect(matchRoute('/reset/xyz/')).toEqual({ name: 'reset', token: 'xyz' })
  })

  it('answers not found for anything else, including a malformed escape', () => {
    const paths = [
      '/documents',
      '/documents/x/history',
      '/admins',
      '/invite',
      '/toString',
      '/documents/%E0%A4%A',
    ]
    for (const path of paths) {
      expect(matchRoute(path), path).toEqual({ name: 'notFound' })
    }
  })
})

describe('safeNext', () => {
  it('keeps paths on this site', () => {
    expect(safeNext('/documents/42?x=1#thread=7')).toBe('/documents/42?x=1#thread=7')
  })

  it('refuses anything that could leave the site, or loop back to sign-in', () => {
    const unsafe = [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      'documents',
      '/login?next=/',
    ]
    for (const next of [...unsafe, '', null, undefined]) expect(safeNext(next), String(next)).toBe('/')
  })
})

describe('redirects', () => {
  const place = { pathname: '/documents/42', search: '?a=1', hash: '#thread=7' }

  it('sends a signed-out visitor to sign in, remembering where they were going', () => {
    expect(loginPath(place)).toBe('/login?next=%2Fdocuments%2F42%3Fa%3D1%23thread%3D7')
    expect(redirectFor(false, matchRoute(place.pathname), place)).toBe(loginPath(place))
    expect(redirectFor(false, { name: 'notFound' }, place)).toBeNull()
  })

  it('lets signed-out visitors open invitation and password links', () => {
    for (const route of [matchRoute('/invite/t'), matchRoute('/reset/t'), matchRoute('/forgot')]) {
      expect(redirectFor(false, route, place)).toBeNull()
    }
    expect(redirectFor(false, matchRoute('/admin'), place)).toBe(loginPath(place))
  })

  it('sends a signed-in user from sign-in to where they were going', () => {
    const login = { pathname: '/login', search: '?next=%2Fdocuments%2F42', hash: '' }
    expect(redirectFor(true, { name: 'login' }, login)).toBe('/documents/42')
    expect(redirectFor(true, { name: 'login' }, { ...login, search: '?next=//evil.example' })).toBe('/')
  })
})
