import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { download, inTempDir, pandocComments } from '../support/export-readers.ts'
import { exportWorld } from '../support/export-world.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.stop())

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/marginalia.js', ...args], {
      env: { ...process.env, DATABASE_URL: server.database.url, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('marginalia export', () => {
  it('writes the draft with its comments as the owner exports it on the web', async () => {
    const { documentId, ownerAgent } = await exportWorld(server)
    await inTempDir(async (dir) => {
      const out = path.join(dir, 'draft.docx')
      const result = await cli([
        'export',
        '--document',
        documentId,
        '--format',
        'docx',
        '--comments',
        'all',
        '--out',
        out,
      ])
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout).toContain(`Wrote ${out}`)
      const fromCli = await pandocComments(await readFile(out))
      const fromWeb = await pandocComments(
        (await download(ownerAgent, `/api/documents/${documentId}/export?format=docx&comments=all`)).bytes,
      )
      expect(fromCli).toEqual(fromWeb)
      expect(fromCli.length).toBeGreaterThan(0)

      const markdown = path.join(dir, 'draft.md')
      expect(
        (await cli(['export', '--document', documentId, '--format', 'md', '--out', markdown])).code,
      ).toBe(0)
      const web = await download(ownerAgent, `/api/documents/${documentId}/export?format=md`)
      expect(await readFile(markdown, 'utf8')).toBe(web.text)
    })
  }, 60_000)

  it('writes a named version with --version, as the web exports it', async () => {
    const { documentId, ownerAgent } = await exportWorld(server)
    const version = await ownerAgent.post(`/api/documents/${documentId}/versions`, { name: 'First reading' })
    await ownerAgent.post(`/api/documents/${documentId}/threads`, {
      anchor: { quote: 'Benchmarking compares' },
      body: 'A thread after the version.',
    })
    await inTempDir(async (dir) => {
      const out = path.join(dir, 'version.md')
      const args = ['--format', 'md', '--comments', 'all', '--version', version.body.id, '--out', out]
      const result = await cli(['export', '--document', documentId, ...args])
      expect(result.code, result.stderr).toBe(0)
      const web = await download(
        ownerAgent,
        `/api/documents/${documentId}/export?format=md&comments=all&version=${version.body.id}`,
      )
      expect(await readFile(out, 'utf8')).toBe(web.text)
      expect(web.text).not.toContain('A thread after the version.')

      const unknown = randomUUID()
      const missing = await cli([
        'export',
        '--document',
        documentId,
        '--format',
        'md',
        '--version',
        unknown,
        '--out',
        out,
      ])
      expect(missing.code).toBe(1)
      expect(missing.stderr).toContain(`no version ${unknown}`)
      const malformed = await cli(['export', '--document', documentId, '--format', 'md', '--version', 'v1'])
      expect(malformed.stderr).toMatch(/--version: not a version id/)
    })
  }, 60_000)

  it('names each missing or bad option, without a stack trace', async () => {
    const missing = await cli(['export', '--format', 'odt'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/--document: required/)
    expect(missing.stderr).toMatch(/--format: required: one of docx, md, html, pdf/)
    expect(missing.stderr).toMatch(/--out: required/)
    expect(missing.stderr).not.toMatch(/\n\s+at /)
  })

  it('says when there is no such document', async () => {
    const id = randomUUID()
    const result = await cli(['export', '--document', id, '--format', 'md', '--out', '/tmp/never-written.md'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`No document with id ${id}`)
  })
})
