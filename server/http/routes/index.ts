import type { AppContext } from '../../context.ts'
import type { Endpoint } from '../endpoint.ts'
import type { PassportInstance } from '../passport.ts'
import { adminEndpoints } from './admin.routes.ts'
import { contentEndpoints } from './content.routes.ts'
import { createFromFileEndpoints } from './create-from-file.routes.ts'
import { documentsEndpoints } from './documents.routes.ts'
import { exportEndpoints } from './export.routes.ts'
import { importEndpoints } from './import.routes.ts'
import { invitesEndpoints } from './invites.routes.ts'
import { membersEndpoints } from './members.routes.ts'
import { notificationsEndpoints } from './notifications.routes.ts'
import { passwordResetEndpoints } from './password-resets.routes.ts'
import { sessionEndpoints } from './session.routes.ts'
import { threadsEndpoints } from './threads.routes.ts'
import { usersEndpoints } from './users.routes.ts'
import { versionsEndpoints } from './versions.routes.ts'

/** Every `/api` endpoint, in one list: what the app mounts and what the permission-matrix test walks. */
export function apiEndpoints(ctx: AppContext, passport: PassportInstance): Endpoint[] {
  return [
    ...sessionEndpoints(ctx, passport),
    ...usersEndpoints(ctx),
    ...documentsEndpoints(ctx),
    ...contentEndpoints(ctx),
    ...threadsEndpoints(ctx),
    ...exportEndpoints(ctx),
    ...versionsEndpoints(ctx),
    ...importEndpoints(ctx),
    ...createFromFileEndpoints(ctx),
    ...notificationsEndpoints(ctx),
    ...membersEndpoints(ctx),
    ...invitesEndpoints(ctx),
    ...passwordResetEndpoints(ctx),
    ...adminEndpoints(ctx),
  ] as Endpoint[]
}
