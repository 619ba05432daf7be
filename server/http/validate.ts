import type { Request } from 'express'
import type { z } from 'zod'
import { BadRequestError, UnsupportedMediaTypeError } from '../errors.ts'

function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '(body)'
    fields[key] ??= issue.message
  }
  return fields
}

/**
 * Validates a JSON body with a shared zod schema. A body sent as something other than JSON is 415; a bad
 * one is 400 `invalid_request` with `details.fields` naming each bad field.
 */
export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined
  if (hasBody && !req.is('application/json')) throw new UnsupportedMediaTypeError()
  const result = schema.safeParse(req.body ?? {})
  if (!result.success) {
    const fields = fieldsOf(result.error)
    throw new BadRequestError(`Check these fields: ${Object.keys(fields).join(', ')}.`, { fields })
  }
  return result.data
}

/** Validates a query string with a zod schema; 400 naming each bad parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const result = schema.safeParse(req.query)
  if (!result.success) {
    const fields = fieldsOf(result.error)
    throw new BadRequestError(`Check these parameters: ${Object.keys(fields).join(', ')}.`, { fields })
  }
  return result.data
}
