import type { Queryable } from './queryable.ts'

/** A `users` row as the server uses it. */
export interface UserRow {
  id: string
  email: string
  name: string
  password_hash: string | null
  country: string | null
  organization: string | null
  locale: string
  is_admin: boolean
  disabled_at: Date | null
  created_at: Date
}

/** What creating an account needs. */
export interface NewUserRow {
  email: string
  name: string
  passwordHash: string
  country: string | null
  organization: string | null
  locale?: string
  isAdmin: boolean
}

const columns =
  'id, email, name, password_hash, country, organization, locale, is_admin, disabled_at, created_at'

/** Finds an account by email, ignoring case. */
export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${columns} FROM users WHERE lower(email) = lower($1)`, [
    email,
  ])
  return rows[0]
}

/** Finds an account by id. */
export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${columns} FROM users WHERE id = $1`, [id])
  return rows[0]
}

/** Inserts an account; returns undefined when the email is taken (case-insensitively). */
export async function insertUser(db: Queryable, user: NewUserRow): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(
    `INSERT INTO users (email, name, password_hash, country, organization, locale, is_admin)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT ((lower(email))) DO NOTHING
     RETURNING ${columns}`,
    [
      user.email,
      user.name,
      user.passwordHash,
      user.country,
      user.organization,
      user.locale ?? 'en',
      user.isAdmin,
    ],
  )
  return rows[0]
}

/** How many accounts exist (an empty database is seeded with the demo). */
export async function countUsers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ count: string }>('SELECT count(*) AS count FROM users')
  return Number(rows[0]?.count ?? 0)
}
