/**
 * The editor's ProseMirror schema: the project's one schema, imported from its own module so the editor
 * chunk does not carry the Markdown and HTML serializers that shared/schema/index.ts also exports.
 */
export {
  type HeadingLevel,
  headingLevels,
  type MarkName,
  type NodeName,
  schema,
} from '../../shared/schema/schema.ts'
