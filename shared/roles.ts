/** Document roles, narrowest first; each includes everything the ones before it may do. */
export const documentRoles = ['viewer', 'commenter', 'author', 'editor', 'owner'] as const

/** A member's role in one document. */
export type DocumentRole = (typeof documentRoles)[number]

/** What a role may do in a document. */
export const capabilities = [
  'read',
  'comment',
  'edit',
  'resolve',
  'apply',
  'manage_members',
  'manage_phases',
  'manage_versions',
  'export_with_comments',
  'import',
  'delete',
] as const

/** One thing a member may do. */
export type Capability = (typeof capabilities)[number]

/** The narrowest role that holds each capability: the one table both the server and the client read. */
const minimumRole: Record<Capability, DocumentRole> = {
  read: 'viewer',
  comment: 'commenter',
  edit: 'author',
  resolve: 'author',
  apply: 'author',
  manage_members: 'editor',
  manage_phases: 'editor',
  manage_versions: 'editor',
  export_with_comments: 'editor',
  import: 'editor',
  delete: 'owner',
}

/** True when `role` is `other` or wider. */
export function roleAtLeast(role: DocumentRole, other: DocumentRole): boolean {
  return documentRoles.indexOf(role) >= documentRoles.indexOf(other)
}

/** True when a member with `role` may do `capability`. */
export function can(role: DocumentRole, capability: Capability): boolean {
  return roleAtLeast(role, minimumRole[capability])
}

/** Every capability `role` holds, in table order; API answers carry it so the UI never guesses. */
export function capabilitiesOf(role: DocumentRole): Capability[] {
  return capabilities.filter((capability) => can(role, capability))
}
