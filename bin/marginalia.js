#!/usr/bin/env node
// The command line's entry point: lets Node load the TypeScript sources through tsx, then runs server/cli.ts.
import { register } from 'tsx/esm/api'

register()
await import('../server/cli.ts')
