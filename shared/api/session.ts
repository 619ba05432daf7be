import { z } from 'zod'
import type { UserDto } from './users.ts'

/** `POST /api/session` body. The password is not checked for strength here: only its presence. */
export const SignInInput = z.object({
  email: z.string().trim().min(1, 'Enter your email address').max(254, 'At most 254 characters'),
  password: z.string().min(1, 'Enter your password').max(200, 'At most 200 characters'),
})

/** A validated sign-in request. */
export type SignInInput = z.infer<typeof SignInInput>

/** `GET`/`POST /api/session` answer when signed in. */
export interface SessionDto {
  user: UserDto
  csrfToken: string
}
