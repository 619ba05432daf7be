import { z } from 'zod'

/** `?limit=&cursor=` of every list endpoint. */
export const ListQuery = z.object({
  limit: z.coerce
    .number({ message: 'a number' })
    .int('a whole number')
    .min(1, 'at least 1')
    .max(100, 'at most 100')
    .default(50),
  cursor: z.string().max(1000, 'too long').optional(),
})
