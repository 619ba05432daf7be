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
  can_create_documents: boolean
  disabled_at: Date | null
  created_at: Date
}

/** What creating an account needs. */
export interface NewUserRow {
  email: string
  name: string
  passwordHash: string | null
  country: string | null
  organization: string | null
  locale?: string
  isAdmin: boolean
  canCreateDocuments?: boolean
}

const columns =
  'id, email, name, password_hash, country, organization, locale, is_admin, can_create_documents, disabled_at, created_at'

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
    `INSERT INTO users (email, name, password_hash, country, organization, locale, is_admin, can_create_documents)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
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
      user.canCreateDocuments ?? false,
    ],
  )
  return rows[0]
}

/** How many accounts exist (an empty database is seeded with the demo). */
export async function countUsers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ count: string }>('SELECT count(*) AS count FROM users')
  return Number(rows[0]?.count ?? 0)
}

/** The profile fields a user may change; undefined leaves a field as it is. */
export interface ProfileChanges {
  name?: string | undefined
  country?: string | null | undefined
  organization?: string | null | undefined
  locale?: string | undefined
}

/** Updates profile fields; answers the row, or undefined when there is no such user. */
export async function updateProfile(
  db: Queryable,
  id: string,
  changes: ProfileChanges,
): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(
    `UPDATE users SET
        name = CASE WHEN $2::boolean THEN $3 ELSE name END,
        country = CASE WHEN $4::boolean THEN $5 ELSE country END,
        organization = CASE WHEN $6::boolean THEN $7 ELSE organization END,
        locale = CASE WHEN $8::boolean THEN $9 ELSE locale END,
        updated_at = now()
      WHERE id = $1
      RETURNING ${columns}`,
    [
      id,
      changes.name !== undefined,
      changes.name ?? null,
      changes.country !== undefined,
      changes.country ?? null,
      changes.organization !== undefined,
      changes.organization || null,
      changes.locale !== undefined,
      changes.locale ?? null,
    ],
  )
  return rows[0]
}

/** The account flags an admin may change; undefined leaves a flag as it is. */
export interface AccountFlags {
  disabled?: boolean | undefined
  isAdmin?: boolean | undefined
  canCreateDocuments?: boolean | undefined
}

/** Sets admin-controlled flags; answers the row, or undefined when there is no such user. */
export async function updateAccountFlags(
  db: Queryable,
  id: string,
  flags: AccountFlags,
): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(
    `UPDATE users SET
        disabled_at = CASE WHEN $2::boolean IS NULL THEN disabled_at
                           WHEN $2::boolean THEN coalesce(disabled_at, now()) ELSE NULL END,
        is_admin = coalesce($3::boolean, is_admin),
        can_create_documents = coalesce($4::boolean, can_create_documents),
        updated_at = now()
      WHERE id = $1
      RETURNING ${columns}`,
    [id, flags.disabled ?? null, flags.isAdmin ?? null, flags.canCreateDocuments ?? null],
  )
  return rows[0]
}

/** Sets a new password hash. */
export async function updatePasswordHash(db: Queryable, id: string, passwordHash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [id, passwordHash])
}

/** A user row with how many documents they belong to, for the admin list. */
export interface AdminUserRow extends UserRow {
  document_count: number
}

/**
 * Users matching `q` (name, email, organization or country, case-insensitive), by name then id, after the
 * cursor. An empty `q` lists everyone.
 */
export async function searchUsers(
  db: Queryable,
  q: string,
  limit: number,
  after?: { name: string; id: string },
): Promise<AdminUserRow[]> {
  const { rows } = await db.query<AdminUserRow>(
    `SELECT ${columns
      .split(', ')
      .map((c) => `u.${c}`)
      .join(', ')},
            (SELECT count(*)::int FROM document_members m WHERE m.user_id = u.id) AS document_count
       FROM users u
      WHERE ($1 = '' OR u.name ILIKE '%' || $1 || '%' OR u.email ILIKE '%' || $1 || '%'
             OR u.organization ILIKE '%' || $1 || '%' OR u.country = upper($1))
        AND ($2::text IS NULL OR (lower(u.name), u.id) > (lower($2), $3::uuid))
      ORDER BY lower(u.name), u.id
      LIMIT $4`,
    [q.replace(/[\\%_]/g, (c) => `\\${c}`), after?.name ?? null, after?.id ?? null, limit],
  )
  return rows
}
