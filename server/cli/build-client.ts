import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { clientDistDir } from '../http/static.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))

function newestMtime(entry: string): number {
  const stat = statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const name of readdirSync(entry)) {
    if (name === 'node_modules') continue
    newest = Math.max(newest, newestMtime(path.join(entry, name)))
  }
  return newest
}

/** True when `dist/client` is missing or older than any source it is built from. */
export function clientBuildIsStale(): boolean {
  const index = path.join(clientDistDir, 'index.html')
  if (!existsSync(index)) return true
  const sources = ['client', 'shared', 'vite.config.ts', 'package-lock.json'].map((name) =>
    path.join(root, name),
  )
  const newestSource = Math.max(...sources.filter((source) => existsSync(source)).map(newestMtime))
  return newestSource > statSync(index).mtimeMs
}

/** Builds the client with Vite when it is missing or stale; says so on the terminal. */
export async function buildClientIfNeeded(): Promise<void> {
  if (!clientBuildIsStale()) return
  console.log('Building the web client…')
  const started = Date.now()
  const { build } = await import('vite')
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' })
  console.log(`Built the web client in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
}
