import { inputRules, textblockTypeInputRule, wrappingInputRule } from 'prosemirror-inputrules'
import type { Plugin } from 'prosemirror-state'
import { schema } from './schema.ts'

/**
 * Markdown-like shortcuts at the start of a block: "# " to "#### " for headings, "> " for a quote, "- ",
 * "+ " or "* " for a bulleted list, "1. " for a numbered list starting at that number.
 */
export function buildInputRules(): Plugin {
  const { heading, blockquote, bullet_list, ordered_list } = schema.nodes
  return inputRules({
    rules: [
      textblockTypeInputRule(/^(#{1,4})\s$/, heading, (match) => ({ level: match[1]!.length })),
      wrappingInputRule(/^\s*>\s$/, blockquote),
      wrappingInputRule(/^\s*([-+*])\s$/, bullet_list),
      wrappingInputRule(
        /^(\d+)\.\s$/,
        ordered_list,
        (match) => ({ order: Number(match[1]) }),
        (match, node) => node.childCount + Number(node.attrs.order) === Number(match[1]),
      ),
    ],
  })
}
