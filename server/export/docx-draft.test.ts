import { describe, expect, it } from 'vitest'
import { a, br, doc, h1, h2, img, li, ol, p, strong, ul } from '../../shared/schema/test-builder.ts'
import { planDraft } from './docx-draft.ts'
import type { PlanBlock, PlanInline } from './docx-plan.ts'
import { placeThreads } from './placement.ts'
import { commentBy, people, threadAt } from './test-threads.ts'

// Positions: "Title" 1–6, "1. Intro" 8–16, "Alpha " 18–24, "beta" 24–28, " gamma" 28–34, "Second" 36–42.
const draft = doc(h1('Title'), h2('1. Intro'), p('Alpha ', strong('beta'), ' gamma'), p('Second'))

const text = (value: string, bold = false): PlanInline => ({
  kind: 'text',
  text: value,
  format: bold ? { bold: true } : {},
})
const start = (id: number): PlanInline => ({ kind: 'commentStart', id })
const end = (id: number): PlanInline => ({ kind: 'commentEnd', id })
const ref = (id: number): PlanInline => ({ kind: 'commentReference', id })

function itemsOf(block: PlanBlock | undefined): PlanInline[] {
  if (block?.kind !== 'paragraph') throw new Error('not a paragraph')
  return block.items
}

describe('planDraft', () => {
  it('writes a clean draft without comments', () => {
    const plan = planDraft(draft, 'Title', [])
    expect(plan.comments).toEqual([])
    expect(plan.blocks[0]).toEqual({ kind: 'paragraph', heading: 1, items: [text('Title')] })
    expect(itemsOf(plan.blocks[2])).toEqual([text('Alpha '), text('beta', true), text(' gamma')])
  })

  it('anchors a comment on exactly its range, splitting runs at its boundaries', () => {
    const plan = planDraft(draft, 'Title', placeThreads(draft, [threadAt({ from: 26, to: 31 })]))
    expect(itemsOf(plan.blocks[2])).toEqual([
      text('Alpha '),
      text('be', true),
      start(0),
      text('ta', true),
      text(' ga'),
      end(0),
      ref(0),
      text('mma'),
    ])
  })

  it('lets ranges overlap, each closing where it ends', () => {
    const threads = [threadAt({ from: 20, to: 26 }), threadAt({ from: 24, to: 30 })]
    const plan = planDraft(draft, 'Title', placeThreads(draft, threads))
    expect(itemsOf(plan.blocks[2])).toEqual([
      text('Al'),
      start(0),
      text('pha '),
      start(1),
      text('be', true),
      end(0),
      ref(0),
      text('ta', true),
      text(' g'),
      end(1),
      ref(1),
      text('amma'),
    ])
  })

  it('spans a range across paragraphs', () => {
    const plan = planDraft(draft, 'Title', placeThreads(draft, [threadAt({ from: 28, to: 39 })]))
    expect(itemsOf(plan.blocks[2])).toEqual([text('Alpha '), text('beta', true), start(0), text(' gamma')])
    expect(itemsOf(plan.blocks[3])).toEqual([text('Sec'), end(0), ref(0), text('ond')])
  })

  it('moves ranges between blocks into the text, and opens and closes an empty range in place', () => {
    const threads = [threadAt({ from: 24, to: 24 }), threadAt({ from: 17, to: 35 })]
    const plan = planDraft(draft, 'Title', placeThreads(draft, threads))
    expect(itemsOf(plan.blocks[2])).toEqual([
      start(0),
      text('Alpha '),
      start(1),
      end(1),
      ref(1),
      text('beta', true),
      text(' gamma'),
      end(0),
      ref(0),
    ])
  })

  it('attaches orphaned threads to their section heading and general ones to the title, quoting the lost text', () => {
    const orphan = threadAt({ state: 'orphaned', quote: 'old words' }, { section: ['1. Intro'] })
    const general = threadAt({ state: 'document' })
    const plan = planDraft(draft, 'Title', placeThreads(draft, [general, orphan]))
    expect(itemsOf(plan.blocks[1])).toEqual([start(0), text('1. Intro'), end(0), ref(0)])
    expect(itemsOf(plan.blocks[0])).toEqual([start(1), text('Title'), end(1), ref(1)])
    expect(plan.comments[0]!.paragraphs).toEqual([
      orphan.comments[0]!.body,
      'On text no longer in the draft: “old words”',
    ])
    expect(plan.comments[1]!.paragraphs).toEqual([
      general.comments[0]!.body,
      'General comment on the document',
    ])
  })

  it('writes replies as replies and a decision as the last, marking a resolved thread done', () => {
    const thread = threadAt(
      { from: 36, to: 42, quote: 'Second' },
      {
        status: 'resolved',
        resolution: 'partially_accepted',
        resolutionNote: 'Shortened.',
        resolvedBy: { id: people.li.id, name: people.li.name },
        resolvedAt: '2026-01-05T09:00:00.000Z',
        proposedText: 'Next',
        comments: [
          commentBy(people.kagiso, 'Too vague.\nSay more.', 0),
          commentBy(people.siti, 'Agreed.', 5),
        ],
      },
    )
    const plan = planDraft(draft, 'Title', placeThreads(draft, [thread]))
    expect(plan.comments).toEqual([
      {
        id: 0,
        author: 'Kagiso Mothibi (BW, BOU)',
        initials: 'KM',
        date: '2026-01-02T10:00:00.000Z',
        resolved: true,
        paragraphs: ['Too vague.', 'Say more.', 'Proposed change: Next'],
      },
      {
        id: 1,
        parentId: 0,
        author: 'Siti Rahayu (ID, Universitas Terbuka)',
        initials: 'SR',
        date: '2026-01-02T10:05:00.000Z',
        resolved: true,
        paragraphs: ['Agreed.'],
      },
      {
        id: 2,
        parentId: 0,
        author: 'Li Wei',
        initials: 'LW',
        date: '2026-01-05T09:00:00.000Z',
        resolved: true,
        paragraphs: ['Decision: partially accepted — Shortened.'],
      },
    ])
    // Every comment of the thread spans its range, as Word writes replies.
    expect(itemsOf(plan.blocks[3])).toEqual([
      start(0),
      start(1),
      start(2),
      text('Second'),
      end(0),
      end(1),
      end(2),
      ref(0),
      ref(1),
      ref(2),
    ])
  })

  it('numbers each ordered list from its start and nests lists by level', () => {
    const lists = doc(ul(li(p('one'), ol({ order: 3 }, li(p('three')), li(p('four'))), p('more'))))
    const plan = planDraft(lists, 'Lists', [])
    expect(plan.lists).toEqual([
      { reference: 'bullet', kind: 'bullet', start: 1 },
      { reference: 'ordered-1', kind: 'ordered', start: 3 },
    ])
    expect(plan.blocks).toEqual([
      { kind: 'paragraph', list: { reference: 'bullet', level: 0 }, items: [text('one')] },
      { kind: 'paragraph', list: { reference: 'ordered-1', level: 1 }, items: [text('three')] },
      { kind: 'paragraph', list: { reference: 'ordered-1', level: 1 }, items: [text('four')] },
      { kind: 'paragraph', indent: 720, items: [text('more')] },
    ])
  })

  it('links only to absolute safe targets, breaks lines and never fetches images', () => {
    const linked = doc(
      p(
        a({ href: 'https://example.org/a' }, 'web'),
        a({ href: 'javascript:alert(1)' }, 'bad'),
        a({ href: '/relative' }, 'rel'),
        br(),
        img({ src: 'https://example.org/chart.png', alt: 'Chart' }),
      ),
    )
    expect(itemsOf(planDraft(linked, 'x', []).blocks[0])).toEqual([
      { ...text('web'), link: 'https://example.org/a' },
      text('bad'),
      text('rel'),
      { kind: 'break' },
      { kind: 'text', text: '[Image: Chart]', format: { italics: true } },
    ])
  })
})
