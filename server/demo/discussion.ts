import type { Resolution, ThreadType } from '../../shared/api/threads.ts'
import type { AppContext } from '../context.ts'
import { findMembership } from '../db/members.repo.ts'
import { findUserByEmail } from '../db/users.repo.ts'
import { changeDocument } from '../services/documents.service.ts'
import { resolveThread } from '../services/threads/decisions.service.ts'
import { openThread, reply } from '../services/threads/threads.service.ts'
import { toUserDto } from '../services/users.service.ts'
import { demoDocumentId } from './seed.ts'

/** One sample comment on the demo draft, with what followed it. */
interface SampleThread {
  expert: string
  quote: string | null
  type: ThreadType
  body: string
  proposedText?: string
  replies?: Array<{ by: string; body: string }>
  decision?: { by: string; resolution: Resolution; note: string }
}

/** A consultation under way: comments from five countries, an answer, a decision, one open proposal. */
const sampleThreads: SampleThread[] = [
  {
    expert: 'expert.bw@demo.example',
    quote: 'learners in rural areas',
    type: 'editorial',
    body: 'Remote learners face the same barriers as rural ones; name them too.',
    proposedText: 'learners in rural and remote areas',
    replies: [{ by: 'author@demo.example', body: 'Agreed, we will take this in the next revision.' }],
  },
  {
    expert: 'expert.ng@demo.example',
    quote: 'Benchmarking is not a ranking.',
    type: 'general',
    body: 'Our ministry uses benchmarking results to rank institutions. Could the guidelines say how to explain the difference to policy makers?',
  },
  {
    expert: 'expert.id@demo.example',
    quote: 'Median years from first enrolment to graduation',
    type: 'technical',
    body: 'Most of our learners study part-time. Without an adjustment for study load this indicator penalises open universities against campus ones.',
    decision: {
      by: 'author@demo.example',
      resolution: 'partially_accepted',
      note: 'A note on part-time study is added under the table; the definition stays comparable across institutions.',
    },
  },
  {
    expert: 'expert.pk@demo.example',
    quote: 'leadership commitment, reliable data, and a culture',
    type: 'technical',
    body: 'In our experience benchmarking stalls without a budget line. Suggest adding dedicated funding as a fourth feature.',
  },
  {
    expert: 'expert.gb@demo.example',
    quote: null,
    type: 'general',
    body: 'A short glossary (benchmark, indicator, peer review, self-assessment) would help readers new to the field.',
    replies: [
      {
        by: 'editor@demo.example',
        body: 'Good idea. A glossary is planned as an annex for version 1.0.',
      },
    ],
  },
]

/**
 * Puts the demo draft into consultation (deadline in 30 days) with a few comments from the demo experts, an
 * answer and a decision, so a first look at Marginalia shows a consultation under way. Only for a draft that
 * has no comments yet; answers how many threads it opened.
 */
export async function seedDemoDiscussion(ctx: AppContext): Promise<number> {
  const { rows } = await ctx.db.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM threads WHERE document_id = $1',
    [demoDocumentId],
  )
  if ((rows[0]?.n ?? 0) > 0) return 0
  const as = async (email: string) => {
    const row = await findUserByEmail(ctx.db.pool, email)
    const member = row && (await findMembership(ctx.db.pool, row.id, demoDocumentId))
    if (!row || !member) throw new Error(`demo account ${email} is not a member of the demo draft`)
    return { user: toUserDto(row), member }
  }
  const owner = await as('admin@demo.example')
  if (owner.member.phase === 'drafting') {
    await changeDocument(ctx, owner.user, owner.member, {
      phase: 'consultation',
      commentDeadline: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
    })
  }
  let opened = 0
  for (const sample of sampleThreads) {
    const expert = await as(sample.expert)
    const thread = await openThread(ctx, expert.user, expert.member, {
      anchor: sample.quote === null ? { document: true } : { quote: sample.quote },
      body: sample.body,
      type: sample.type,
      proposedText: sample.proposedText ?? null,
    })
    opened++
    for (const answer of sample.replies ?? []) {
      const by = await as(answer.by)
      await reply(ctx, by.user, by.member, thread.id, answer.body)
    }
    if (sample.decision) {
      const by = await as(sample.decision.by)
      await resolveThread(ctx, by.user, by.member, thread.id, {
        resolution: sample.decision.resolution,
        note: sample.decision.note,
      })
    }
  }
  ctx.log.info({ documentId: demoDocumentId, threads: opened }, 'demo.discussion.seeded')
  return opened
}
