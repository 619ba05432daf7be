import { describe, expect, it } from 'vitest'
import { a, doc, h1, h2, img, p, strong } from '../../shared/schema/test-builder.ts'
import { exportHtml } from './html.ts'
import { exportMarkdown } from './markdown.ts'
import { placeThreads } from './placement.ts'
import { commentBy, people, threadAt } from './test-threads.ts'

// Positions: "Title" 1–6, "1. Intro" 8–16, "Alpha " 18–24, "beta" 24–28, " gamma" 28–34.
const draft = doc(h1('Title'), h2('1. Intro'), p('Alpha ', strong('beta'), ' gamma'))
const xss = '<script>alert(1)</script><img src=x onerror=alert(2)>'

describe('exportHtml', () => {
  it('is a standalone printable page with a title, print CSS and a policy that forbids script', () => {
    const html = exportHtml(draft, { title: 'Guidelines & <Practices>', placed: [], purpose: 'download' })
    expect(html).toMatch(/^<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">/)
    expect(html).toContain('<title>Guidelines &amp; &lt;Practices&gt;</title>')
    expect(html).toContain('@page { size: A4;')
    expect(html).toContain(`content="default-src 'none'; img-src https: http: data:;`)
    expect(html).not.toMatch(/<script/i)
    expect(html).toContain(
      '<main>\n<h1>Title</h1>\n<h2>1. Intro</h2>\n<p>Alpha <strong>beta</strong> gamma</p>\n</main>',
    )
    expect(html).not.toContain('class="notes"')
  })

  it('marks each thread with its number after its text and lists the notes, every text escaped', () => {
    const thread = threadAt(
      { from: 24, to: 28, quote: 'beta' },
      {
        author: { ...people.kagiso, name: `Eve ${xss}` },
        proposedText: `<b>bold</b> & "quoted"`,
        comments: [
          commentBy(people.kagiso, `Look: ${xss}\nSecond line`),
          commentBy(people.siti, 'Yes <i>.', 3),
        ],
        status: 'resolved',
        resolution: 'rejected',
        resolutionNote: '<u>no</u>',
        resolvedBy: { id: people.li.id, name: 'Li <Wei>' },
        resolvedAt: '2026-01-04T08:00:00.000Z',
        section: ['1. Intro'],
      },
    )
    const general = threadAt({ state: 'document' })
    const html = exportHtml(draft, {
      title: 'T',
      placed: placeThreads(draft, [thread, general]),
      purpose: 'download',
    })
    expect(html).toContain('<p>Alpha <strong>beta</strong><a href="#note-1"><sup>1</sup></a> gamma</p>')
    expect(html).toContain('<h1>Title<a href="#note-2"><sup>2</sup></a></h1>')
    expect(html).not.toMatch(/<script|<img src=x|<b>bold|<u>no|<i>\./)
    expect(html).toContain('<li id="note-1">')
    expect(html).toContain(
      '<strong>Eve &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; (BW, BOU)</strong>',
    )
    expect(html).toContain(
      'Look: &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;<br>Second line',
    )
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;')
    expect(html).toContain('Decision: rejected — &lt;u&gt;no&lt;/u&gt;')
    expect(html).toContain('Li &lt;Wei&gt;')
    expect(html).toContain('<li id="note-2">')
  })

  it('prints images as their alt text, so that the browser printing it fetches nothing', () => {
    const withImage = doc(p(img({ src: 'http://169.254.169.254/latest', alt: 'Chart' })))
    const print = exportHtml(withImage, { title: 'T', placed: [], purpose: 'print' })
    expect(print).not.toContain('169.254')
    expect(print).toContain('<p>[Image: Chart]</p>')
    expect(print).toContain(`img-src data:;`)
    const download = exportHtml(withImage, { title: 'T', placed: [], purpose: 'download' })
    expect(download).toContain('<img src="http://169.254.169.254/latest" alt="Chart">')
  })
})

describe('exportMarkdown', () => {
  it('is the shared serializer output without threads', async () => {
    expect(await exportMarkdown(doc(p('Hello ', a({ href: 'https://example.org' }, 'world'))), [])).toBe(
      'Hello [world](https://example.org)\n',
    )
  })

  it('marks threads with superscript numbers and lists escaped notes under Comments', async () => {
    const thread = threadAt(
      { from: 24, to: 28, quote: 'beta' },
      { comments: [commentBy(people.kagiso, '*Not* [a link](javascript:x)')], proposedText: 'beta, _gamma_' },
    )
    const markdown = await exportMarkdown(draft, placeThreads(draft, [thread]))
    expect(markdown).toContain('Alpha **beta**^1^ gamma')
    expect(markdown).toContain('## Comments')
    expect(markdown).toContain('1. **Kagiso Mothibi (BW, BOU)** — technical, open, 2026-01-02')
    expect(markdown).toContain('\\*Not\\* \\[a link\\](javascript:x)')
    expect(markdown).toContain('*Proposed change:* beta, \\_gamma\\_')
  })
})
