import type { DOMOutputSpec } from 'prosemirror-model'
import { describe, expect, it } from 'vitest'
import { serializeHtml } from './html.ts'
import { parseMarkdown, serializeMarkdown } from './markdown.ts'
import { schema } from './schema.ts'
import { a, doc, img, p } from './test-builder.ts'

/** Nothing in `html` can run: no script element, no event handler, no script-bearing URL in an attribute. */
function expectInert(html: string): void {
  expect(html).not.toMatch(/<script/i)
  expect(html).not.toMatch(/<[a-z]+[^>]*\son[a-z]+=/i)
  expect(html).not.toMatch(/(href|src)="\s*(javascript|vbscript|data:text|data:image\/svg)/i)
}

/** Markdown → document → HTML, checked inert, with no link or image left in the document. */
function expectDefused(markdown: string): string {
  const document = parseMarkdown(markdown)
  document.descendants((node) => {
    expect(node.type.name).not.toBe('image')
    expect(node.marks.map((mark) => mark.type.name)).not.toContain('link')
  })
  const html = serializeHtml(document)
  expectInert(html)
  return html
}

describe('unsafe Markdown', () => {
  it.each([
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](javascript&colon;alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](vbscript:msgbox(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<javascript:alert(1)>',
    '[x][r]\n\n[r]: javascript:alert(1)',
  ])('keeps %s as text, not a link', (markdown) => {
    expectDefused(markdown)
  })

  it('keeps <script> as text (raw HTML is off)', () => {
    const html = expectDefused('<script>alert(1)</script>\n\nand <img src=x onerror=alert(1)> inline')
    expect(html).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>and &lt;img src=x onerror=alert(1)&gt; inline</p>',
    )
  })

  it.each([
    '![x](javascript:alert(1))',
    '![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)',
    '![x](mailto:a@example.org)',
  ])('keeps the image %s as text', (markdown) => {
    expect(expectDefused(markdown)).toContain('x')
  })

  it('escapes quotes and brackets of a link title in the HTML attribute', () => {
    const html = serializeHtml(parseMarkdown('[x](https://example.org "a \\"b\\" <c> \'d\'")'))
    expect(html).toBe(
      '<p><a href="https://example.org" title="a &quot;b&quot; &lt;c&gt; &#39;d&#39;">x</a></p>',
    )
  })

  it('escapes an attribute break-out attempt in an image title and alt', () => {
    const html = serializeHtml(
      doc(p(img({ src: '/a.png', alt: '"><script>alert(1)</script>', title: "' onload='x" }))),
    )
    expect(html).toBe(
      '<p><img src="/a.png" alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" title="&#39; onload=&#39;x"></p>',
    )
  })
})

describe('unsafe documents (as a Yjs update could deliver them)', () => {
  const evil = schema.nodeFromJSON({
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          {
            type: 'text',
            text: 'click',
            marks: [{ type: 'link', attrs: { href: ' javascript:alert(1)', title: null } }],
          },
          { type: 'image', attrs: { src: 'javascript:alert(1)', alt: 'pic', title: null } },
        ],
      },
    ],
  })

  it('writes an unsafe link as plain text and an unsafe image as its alt text in HTML', () => {
    expect(serializeHtml(evil)).toBe('<p>clickpic</p>')
  })

  it('writes them as plain text in Markdown too', () => {
    expect(serializeMarkdown(evil)).toBe('clickpic\n')
  })

  it('leaves the unsafe URL out of the editor DOM', () => {
    const link = schema.marks.link.spec.toDOM!(evil.firstChild!.firstChild!.marks[0]!, true) as DOMOutputSpec
    const image = schema.nodes.image.spec.toDOM!(evil.firstChild!.lastChild!) as DOMOutputSpec
    expect(JSON.stringify(link)).not.toMatch(/javascript/)
    expect(JSON.stringify(image)).not.toMatch(/javascript/)
  })
})

describe('safe links', () => {
  it('keeps http, https, mailto and relative links', () => {
    const html = serializeHtml(
      doc(p(a({ href: 'https://e.org' }, '1'), a({ href: 'mailto:x@e.org' }, '2'), a({ href: '#s' }, '3'))),
    )
    expect(html).toBe('<p><a href="https://e.org">1</a><a href="mailto:x@e.org">2</a><a href="#s">3</a></p>')
  })
})
