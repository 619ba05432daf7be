#!/usr/bin/env -S node --max-semi-space-size=1 --v8-pool-size=1 --heap-growing-percent=20 --single-threaded-gc
// The command line's entry point. Runs the server's prebuilt JavaScript (dist/server, see server-build.js)
// when it is up to date with the sources; `start` builds it first when it is missing or stale. Otherwise it
// runs the TypeScript sources through tsx (the same code, about 50 MB heavier and slower to start).
import { buildServerInChild, builtCliUrl, serverBuildIsFresh } from './server-build.js'

let fresh = serverBuildIsFresh()
if (!fresh && process.argv[2] === 'start') {
  console.log('Building the server…')
  if (buildServerInChild()) fresh = serverBuildIsFresh()
  else console.error('marginalia: the server build failed; running the TypeScript sources instead.')
}
if (fresh) await import(builtCliUrl)
else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../server/cli.ts')
}
