// The server's prebuilt JavaScript: server/cli.ts (and the export worker's thread) bundled by esbuild into
// dist/server/, which bin/marginalia.js runs instead of the TypeScript sources when it is up to date. Run from
// TypeScript through tsx, the server carries tsx's loader and source maps: about 50 MB more, and slower starts.
//
//   node bin/server-build.js [--if-stale]   builds dist/server (part of `npm run build`; `start` builds when stale)
//
// Every output file sits directly in dist/server/, at the same depth as a file in server/<folder>/, so the
// sources' paths relative to `import.meta.url` ('../../migrations/', '../../dist/client/') mean the same in both.
// node_modules stay outside the bundle (but zod); lazy `import()`s become chunks that still load on first use.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))
const outDir = path.join(root, 'dist', 'server')
const stampFile = path.join(outDir, 'build-stamp.json')

/** The built command line, as a URL for `import()`. */
export const builtCliUrl = pathToFileURL(path.join(outDir, 'cli.mjs')).href

/** What the build is made from: a change to any of these makes it stale. */
const sources = ['server', 'shared', 'package-lock.json', 'bin/server-build.js']

function newestMtime(entry) {
  const stat = statSync(entry)
  if (!stat.isDirectory()) return entry.endsWith('.test.ts') ? 0 : stat.mtimeMs
  let newest = stat.mtimeMs
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)))
  return newest
}

/** True when dist/server exists and is newer than every source it is built from. */
export function serverBuildIsFresh() {
  if (!existsSync(stampFile)) return false
  const built = statSync(stampFile).mtimeMs
  return sources.every((source) => {
    const full = path.join(root, source)
    return !existsSync(full) || newestMtime(full) < built
  })
}

/**
 * An esbuild plugin: every package import stays external (loaded from node_modules at run time) except zod's,
 * which is bundled without its 60-odd translations of the error messages (`z.locales`, unused here; the English
 * messages stay). Loaded from node_modules, zod is about 95 modules and 0.85 MB of source, which V8 keeps in
 * memory for its lazy compilation: bundled this way, the idle server holds about 5 MB less.
 */
const zodBundledWithoutLocales = {
  name: 'zod-bundled-without-locales',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      /^zod($|\/)/.test(args.path) ? undefined : { path: args.path, external: true },
    )
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`)
        ? { path: 'zod-locales', namespace: 'zod-without-locales' }
        : undefined,
    )
    build.onLoad({ filter: /.*/, namespace: 'zod-without-locales' }, () => ({
      contents: 'export {}',
      loader: 'js',
    }))
  },
}

/**
 * Bundles the server into a temporary folder beside dist/server, then puts it in place (a process starting
 * meanwhile finds no fresh build and runs the sources). Throws with esbuild's message when the build fails.
 */
export async function buildServer() {
  const { build } = await import('esbuild')
  // The stamp carries the time the sources were read: a source saved during the build makes it stale.
  const started = new Date()
  const temporary = path.join(root, 'dist', `.server-${process.pid}-${Date.now()}`)
  try {
    await build({
      absWorkingDir: root,
      entryPoints: { cli: 'server/cli.ts', 'export-worker.thread': 'server/export/export-worker.thread.ts' },
      outdir: temporary,
      outExtension: { '.js': '.mjs' },
      chunkNames: '[name]-[hash]',
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // node_modules stay outside the bundle, except zod (see `zodBundledWithoutLocales`).
      plugins: [zodBundledWithoutLocales],
      // Class and function names stay as written (logs and errors show them).
      keepNames: true,
      // Maps beside the code for debugging (`node --enable-source-maps`); Node does not read them otherwise.
      sourcemap: 'linked',
      logLevel: 'warning',
    })
    const stamp = path.join(temporary, 'build-stamp.json')
    writeFileSync(stamp, `${JSON.stringify({ built: started })}\n`)
    utimesSync(stamp, started, started)
    rmSync(outDir, { recursive: true, force: true })
    renameSync(temporary, outDir)
  } finally {
    rmSync(temporary, { recursive: true, force: true })
  }
}

/**
 * Builds in a child process, so that esbuild's module and service never stay in the server's memory.
 * Returns false (and prints why) when the build failed.
 */
export function buildServerInChild() {
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], { stdio: 'inherit' })
  return result.status === 0
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now()
  if (process.argv.includes('--if-stale') && serverBuildIsFresh()) process.exit(0)
  await buildServer()
  console.log(`Built the server in ${Date.now() - started} ms (dist/server).`)
}
