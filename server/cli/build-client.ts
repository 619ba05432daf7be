import { spawn } from 'node:child_process'
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

/**
 * Builds the client with Vite when it is missing or stale; says so on the terminal. Vite runs in a child
 * process: loaded into the server (`start` builds, then serves), it would stay in its memory (about 200 MB).
 */
export async function buildClientIfNeeded(): Promise<void> {
  if (!clientBuildIsStale()) return
  console.log('Building the web client…')
  const started = Date.now()
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js')
  const args = [vite, 'build', '--config', path.join(root, 'vite.config.ts'), '--logLevel', 'warn']
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' })
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', resolve)
  })
  if (code !== 0) throw new Error(`building the web client failed (vite exited with ${code})`)
  console.log(`Built the web client in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
}
