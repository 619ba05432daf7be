import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const root = new URL('../../', import.meta.url)
const read = (file: string) => readFileSync(new URL(file, root), 'utf8')

describe('the production node flags (bin/node-flags.js)', async () => {
  const { productionNodeFlags }: { productionNodeFlags: string[] } = await import(
    '../../bin/node-flags.js' as string
  )
  const flags = productionNodeFlags.join(' ')

  it('are what `npm start` runs node with', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> }
    expect(scripts.start).toBe(`node ${flags} bin/marginalia.js start`)
  })

  it("are the Docker image's CMD", () => {
    const cmd = read('Dockerfile').match(/^CMD (\[.*\])$/m)?.[1]
    expect(JSON.parse(cmd ?? '[]')).toEqual(['node', ...productionNodeFlags, 'bin/marginalia.js', 'serve'])
  })

  it("are in the `marginalia` command's first line", () => {
    expect(read('bin/marginalia.js').split('\n')[0]).toBe(`#!/usr/bin/env -S node ${flags}`)
  })
})
