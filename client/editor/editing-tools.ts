/**
 * What only an editable draft needs, in its own chunk: the toolbar and the link and image dialogs. Viewers
 * and commenters (most readers of a consultation) never download it.
 */
export { ImageDialog, LinkDialog } from './EditorDialogs.tsx'
export { Toolbar } from './Toolbar.tsx'
