import { describe, expect, it } from 'vitest'
import { demoDocumentId } from '../../server/demo/seed.ts'
import { chromiumAvailable } from '../support/browser.ts'
import { signInToDemo, useDemoBrowser } from '../support/demo-browser.ts'

describe.skipIf(!chromiumAvailable)('inviting a country expert', () => {
  const demo = useDemoBrowser()

  it('an editor invites an expert, who joins from the link as a commenter without edit controls', async () => {
    const editorContext = await demo.browser.newContext({ baseURL: demo.server.url, locale: 'en-GB' })
    const editor = await editorContext.newPage()
    await signInToDemo(editor, 'editor@demo.example')

    await editor.goto(`/documents/${demoDocumentId}/members`)
    await editor.getByRole('heading', { name: 'Invite someone' }).waitFor()
    await editor.getByLabel('Role', { exact: true }).selectOption('commenter')
    await editor.getByRole('button', { name: 'Create the invitation link' }).click()
    const linkField = editor.getByLabel('Invitation link')
    await linkField.waitFor()
    const link = await linkField.inputValue()
    expect(link).toMatch(/\/invite\/[\w-]{43}$/)

    // The expert, in a browser of their own.
    const expertContext = await demo.browser.newContext({ baseURL: demo.server.url, locale: 'en-GB' })
    const expert = await expertContext.newPage()
    await expert.goto(new URL(link).pathname)
    await expert.getByRole('heading', { name: /Join “Benchmarking/ }).waitFor()
    await expert.getByLabel('Your name').fill('Nguyen Thi Lan')
    await expert.getByLabel('Email').fill('lan@hou.example')
    await expert.getByLabel('Password').fill('a long enough password')
    const country = expert.getByRole('combobox', { name: 'Country' })
    await country.fill('viet')
    await expert.getByRole('option', { name: /Vietnam/ }).click()
    await expert.getByLabel('Organization').fill('Hanoi Open University')
    await expert.getByRole('button', { name: 'Create my account and join' }).click()

    await expert.waitForURL(new RegExp(`/documents/${demoDocumentId}$`))
    await expert.getByRole('heading', { name: /Benchmarking for Open Universities/ }).waitFor()
    await expert.getByText('Commenter').first().waitFor()
    expect(await expert.getByRole('heading', { name: 'Manage this document' }).count()).toBe(0)
    expect(await expert.getByRole('link', { name: 'Members and invitations' }).count()).toBe(0)

    const me = await expert.request.get('/api/users/me')
    expect(await me.json()).toMatchObject({
      name: 'Nguyen Thi Lan',
      country: 'VN',
      organization: 'Hanoi Open University',
    })
    await editorContext.close()
    await expertContext.close()
  })
})
