import { type ChildProcess, spawn } from 'node:child_process'

/**
 * Starts `marginalia serve` as a child process with `env` added to this one's, and resolves once its
 * `/readyz` on `env.PORT` answers 200; rejects if the process exits first.
 */
export function startServerChild(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/marginalia.js', 'serve'], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  })
  return new Promise((resolve, reject) => {
    const poll = setInterval(async () => {
      if (child.exitCode !== null) {
        clearInterval(poll)
        reject(new Error(`server exited ${child.exitCode}`))
      }
      const ready = await fetch(`http://127.0.0.1:${env.PORT}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
      if (ready) {
        clearInterval(poll)
        resolve(child)
      }
    }, 25)
  })
}
