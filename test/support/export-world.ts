import { replaceContent } from '../../server/services/content.service.ts'
import type { ThreadDto } from '../../shared/api/threads.ts'
import type { UserDto } from '../../shared/api/users.ts'
import { parseMarkdown } from '../../shared/schema/index.ts'
import { givenUser, testPassword } from './given.ts'
import { HttpAgent } from './http-agent.ts'
import type { TestServer } from './test-server.ts'

/** The draft of the export world. */
export const exportDraftMarkdown = [
  '# Guidelines for benchmarking',
  '',
  '## 1. Introduction',
  '',
  'Benchmarking compares **practices** across institutions.',
  '',
  'Indicators should be few, reliable and comparable.',
  '',
  '## 2. Tools',
  '',
  'Self-assessment frameworks come first.',
  '',
  'Peer review follows, and the plan is late.',
].join('\n')

/** A comment body that would run script if any export wrote it unescaped. */
export const xssBody = '<script>alert(1)</script><img src=x onerror=alert(2)>'

/** An agent signed in as `user`. */
export async function signedIn(server: TestServer, user: UserDto): Promise<HttpAgent> {
  const agent = new HttpAgent(server.url)
  await agent.signIn(user.email, testPassword)
  return agent
}

/**
 * A document "Guidelines" with members of every role and threads of every kind, made through the HTTP API:
 * one resolved with a reply and a decision (Kagiso, BW), one spanning two paragraphs and overlapping another
 * (Siti, ID), one inside bold text, a general one, one orphaned by an edit and one whose body is an XSS attempt.
 * Answers the people, the document id, an owner's agent and the threads as the API lists them.
 */
export async function exportWorld(server: TestServer) {
  const pool = server.ctx.db.pool
  const owner = await givenUser(pool, { name: 'Li Wei', country: 'CN', organization: 'OUC', isAdmin: true })
  const editor = await givenUser(pool, { name: 'Ana Souza', country: 'BR', organization: 'UAB' })
  const author = await givenUser(pool, { name: 'Thandiwe Moyo', country: 'ZW', organization: 'ZOU' })
  const expert = await givenUser(pool, { name: 'Kagiso Mothibi', country: 'BW', organization: 'BOU' })
  const expert2 = await givenUser(pool, { name: 'Siti Rahayu', country: 'ID', organization: 'UT' })
  const viewer = await givenUser(pool, { name: 'Omar Haddad', country: 'LB' })
  const ownerAgent = await signedIn(server, owner)
  const created = await ownerAgent.post('/api/documents', {
    title: 'Guidelines',
    markdown: exportDraftMarkdown,
  })
  const documentId = created.body.id as string
  for (const [user, role] of [
    [editor, 'editor'],
    [author, 'author'],
    [expert, 'commenter'],
    [expert2, 'commenter'],
    [viewer, 'viewer'],
  ] as const) {
    const invite = await ownerAgent.post(`/api/documents/${documentId}/invites`, { role })
    await (await signedIn(server, user)).post(`/api/invites/${invite.body.token}/accept`, {})
  }
  const expertAgent = await signedIn(server, expert)
  const expert2Agent = await signedIn(server, expert2)
  const open = async (agent: HttpAgent, body: object) => {
    const response = await agent.post(`/api/documents/${documentId}/threads`, body)
    if (response.status !== 201) throw new Error(`thread: ${response.status} ${response.text}`)
    return response.body.id as string
  }
  const resolved = await open(expertAgent, {
    anchor: { quote: 'few, reliable and comparable' },
    body: 'Add "valid" to this list.',
    type: 'technical',
    proposedText: 'few, valid, reliable and comparable',
  })
  await (await signedIn(server, author)).post(`/api/threads/${resolved}/comments`, {
    body: 'Agreed, will do.',
  })
  await ownerAgent.post(`/api/threads/${resolved}/resolve`, {
    resolution: 'accepted',
    note: 'Added “valid”.',
  })
  await open(expert2Agent, {
    anchor: { quote: 'across institutions.\nIndicators should' },
    body: 'This spans two paragraphs.',
    type: 'editorial',
  })
  await open(expertAgent, { anchor: { quote: 'practices' }, body: 'Which practices?' })
  await open(expert2Agent, { anchor: { document: true }, body: 'Overall a clear draft.' })
  await open(expertAgent, { anchor: { quote: 'Self-assessment frameworks' }, body: 'Name some frameworks.' })
  await open(expertAgent, { anchor: { quote: 'the plan is late' }, body: xssBody, type: 'editorial' })
  // An edit removes the text of one thread, which is then orphaned.
  await replaceContent(
    server.ctx,
    documentId,
    parseMarkdown(exportDraftMarkdown.replace('Self-assessment frameworks come first.\n\n', '')),
  )
  const threads = (await ownerAgent.get(`/api/documents/${documentId}/threads`)).body.items as ThreadDto[]
  return { owner, editor, author, expert, expert2, viewer, documentId, threads, ownerAgent }
}
