import { parseArgs } from 'node:util'
import { z } from 'zod'
import { CountryCode, Email, NewPassword, OrganizationName, PersonName } from '../../shared/api/users.ts'
import type { Config } from '../config.ts'
import type { Log } from '../log.ts'
import { createUser } from '../services/users.service.ts'
import { withMigratedDatabase } from './database-command.ts'

const Options = z.object({
  email: Email,
  name: PersonName,
  password: NewPassword,
  country: CountryCode.optional(),
  organization: OrganizationName.optional(),
  admin: z.boolean().default(false),
})

/** `create-user --email E --name N --password P [--country CC] [--organization O] [--admin]`. */
export async function createUserCommand(args: string[], config: Config, log: Log): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      country: { type: 'string' },
      organization: { type: 'string' },
      admin: { type: 'boolean' },
    },
    strict: true,
  })
  const parsed = Options.safeParse(values)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  --${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`create-user needs valid options:\n${problems.join('\n')}`)
  }
  const input = parsed.data
  const user = await withMigratedDatabase(config, log, (pool) =>
    createUser(pool, { ...input, isAdmin: input.admin, country: input.country ?? null }),
  )
  console.log(`Created ${user.isAdmin ? 'admin ' : ''}account ${user.email} (${user.name}), id ${user.id}.`)
}
