// The worker thread that writes large Word and Excel files (see export-worker.ts). Worker threads do not
// inherit the TypeScript loader of the main thread, so this plain module registers tsx before loading it.
import { register } from 'tsx/esm/api'

register()
await import('./export-worker.thread.ts')
