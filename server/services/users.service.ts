import type { UserDto } from '../../shared/api/users.ts'
import type { Queryable } from '../db/queryable.ts'
import {
  findUserByEmail,
  findUserById,
  insertUser,
  type ProfileChanges,
  type UserRow,
  updateProfile,
} from '../db/users.repo.ts'
import { ConflictError, NotFoundError } from '../errors.ts'
import { hashPassword, verifyPassword } from './passwords.ts'

/** Turns a row into what the API shows; never includes the hash. */
export function toUserDto(row: UserRow): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    country: row.country,
    organization: row.organization,
    locale: row.locale,
    isAdmin: row.is_admin,
    canCreateDocuments: row.is_admin || row.can_create_documents,
  }
}

/** The account fields a new user gives. */
export interface NewUser {
  email: string
  name: string
  password: string
  country?: string | null
  organization?: string | null
  locale?: string
  isAdmin?: boolean
}

/** Creates an account; 409 when the email is taken. */
export async function createUser(db: Queryable, input: NewUser): Promise<UserDto> {
  const row = await insertUser(db, {
    email: input.email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
    country: input.country ?? null,
    organization: input.organization || null,
    isAdmin: input.isAdmin ?? false,
    ...(input.locale ? { locale: input.locale } : {}),
  })
  if (!row)
    throw new ConflictError('An account with this email already exists.', { fields: { email: 'taken' } })
  return toUserDto(row)
}

/**
 * Checks an email and password. Answers the user, or undefined for a wrong password, an unknown email
 * or a disabled account alike, in about the same time.
 */
export async function authenticate(
  db: Queryable,
  email: string,
  password: string,
): Promise<UserDto | undefined> {
  const row = await findUserByEmail(db, email)
  const matches = await verifyPassword(row?.password_hash, password)
  if (!row || !matches || row.disabled_at) return undefined
  return toUserDto(row)
}

/** Loads the signed-in user for a session; a disabled or deleted account counts as signed out. */
export async function loadActiveUser(db: Queryable, id: string): Promise<UserDto | undefined> {
  const row = await findUserById(db, id)
  return row && !row.disabled_at ? toUserDto(row) : undefined
}

/** Updates the signed-in user's own profile. */
export async function updateMyProfile(
  db: Queryable,
  actor: UserDto,
  changes: ProfileChanges,
): Promise<UserDto> {
  const row = await updateProfile(db, actor.id, changes)
  if (!row) throw new NotFoundError('No such user.')
  return toUserDto(row)
}
