/** True on Apple platforms, where ProseMirror's "Mod" is Command. */
export function isApplePlatform(
  platform: string = typeof navigator === 'undefined' ? '' : navigator.platform,
): boolean {
  return /Mac|iPhone|iPad|iPod/.test(platform)
}

/** The keys of a binding; a trailing "-" is the minus key itself ("Mod--"). */
function parts(binding: string): string[] {
  return binding.split(/-(?!$)/)
}

/** A ProseMirror key binding ("Mod-Shift-x") as people read it: "Ctrl+Shift+X", or "⌘⇧X" on a Mac. */
export function shortcutLabel(binding: string, apple: boolean = isApplePlatform()): string {
  const names = parts(binding).map((part) => {
    if (part === 'Mod') return apple ? '⌘' : 'Ctrl'
    if (part === 'Shift') return apple ? '⇧' : 'Shift'
    if (part === 'Alt') return apple ? '⌥' : 'Alt'
    if (part === 'Ctrl') return apple ? '⌃' : 'Ctrl'
    return part.length === 1 ? part.toUpperCase() : part
  })
  return names.join(apple ? '' : '+')
}

/** The same binding in the form of the aria-keyshortcuts attribute: "Control+Shift+X" or "Meta+Shift+X". */
export function ariaShortcut(binding: string, apple: boolean = isApplePlatform()): string {
  return parts(binding)
    .map((part) => {
      if (part === 'Mod') return apple ? 'Meta' : 'Control'
      if (part === 'Ctrl') return 'Control'
      return part.length === 1 ? part.toUpperCase() : part
    })
    .join('+')
}
