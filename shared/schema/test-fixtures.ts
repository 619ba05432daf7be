import type { Node } from 'prosemirror-model'
import {
  a,
  blockquote,
  br,
  code,
  doc,
  em,
  h1,
  h2,
  h3,
  h4,
  hr,
  img,
  li,
  ol,
  p,
  s,
  strong,
  sub,
  sup,
  table,
  td,
  th,
  tr,
  u,
  ul,
} from './test-builder.ts'

/**
 * A module name TypeScript does not resolve: tests run in Node, but shared/ is also type-checked by the
 * client project, which has no Node types, so `node:fs` must not appear as a literal import.
 */
const nodeFs: string = 'node:fs'

/** The sample draft the demo seeds (server/demo/benchmarking-guidelines-draft.md), read with node:fs. */
export async function readSampleDraft(): Promise<string> {
  const fs = (await import(/* @vite-ignore */ nodeFs)) as {
    readFileSync(path: URL, encoding: 'utf8'): string
  }
  return fs.readFileSync(
    new URL('../../server/demo/benchmarking-guidelines-draft.md', import.meta.url),
    'utf8',
  )
}

/** One document holding every node and mark of the schema, each in a form Markdown reads back exactly. */
export function kitchenSink(): Node {
  return doc(
    h1('Title with ', em('emphasis')),
    h2('Section'),
    h3('Subsection'),
    h4('Detail'),
    p(
      strong('strong'),
      ' ',
      em('em'),
      ' ',
      u('underline'),
      ' ',
      s('strike'),
      ' ',
      code('code'),
      ' H',
      sub('2'),
      'O x',
      sup('2'),
      ' ',
      a({ href: 'https://example.org/', title: 'Example' }, 'a link'),
      br(),
      img({ src: 'https://example.org/chart.png', alt: 'A chart', title: 'Figure 1' }),
    ),
    blockquote(p('A quotation.')),
    ul(li(p('bullet'), ol({ order: 3 }, li(p('three')), li(p('four'))))),
    hr(),
    table(tr(th(p('Head')), th(p('Other'))), tr(td(p('cell')), td(p(strong('bold'))))),
  )
}
