import type { Options } from '@node-rs/argon2'

/** Argon2id at OWASP's minimum cost (19 MiB, 2 passes, 1 lane): about 50 ms on this machine's kind. */
// `Algorithm` is an ambient const enum, which isolated modules cannot read: 2 is its Argon2id.
const argon2Options: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

/** The native hasher, loaded on the first sign-in or new password: a server that only serves open sessions never loads it. */
const argon2 = () => import('@node-rs/argon2')

/** Hashes a password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`). */
export async function hashPassword(password: string): Promise<string> {
  const { hash } = await argon2()
  return hash(password, argon2Options)
}

let decoyHash: Promise<string> | undefined

/**
 * Checks a password against a stored hash. With no hash (no such account, or none set) it still verifies
 * against a decoy, so the answer takes the same time whether or not the account exists.
 */
export async function verifyPassword(
  storedHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!storedHash) {
    decoyHash ??= hashPassword('decoy password that matches nothing')
    const decoy = await decoyHash
    const { verify } = await argon2()
    await verify(decoy, password).catch(() => false)
    return false
  }
  const { verify } = await argon2()
  return verify(storedHash, password).catch(() => false)
}
