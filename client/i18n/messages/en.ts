/**
 * The English catalog: every string the interface shows, and the fallback for keys another catalog lacks.
 * Placeholders are written {name}; plural forms are keys ending in an Intl.PluralRules category
 * (`.zero`, `.one`, `.two`, `.few`, `.many`, `.other`), `.other` being required.
 */
export const messages = {
  'app.skipToContent': 'Skip to main content',
  'app.loading': 'Loading…',
  'app.pageTitle': '{page} · Marginalia',
  'app.unreachable.title': 'Marginalia cannot reach its server',

  'common.retry': 'Try again',
  'common.backToDocuments': 'Back to my documents',
  'common.error.network': 'The server could not be reached. Check your connection and try again.',
  'common.error.unexpected': 'Something went wrong on our side. Try again in a moment.',

  'header.home': 'Marginalia, my documents',
  'header.nav': 'Main',
  'header.documents': 'My documents',
  'header.account': 'Your account',
  'header.signOut': 'Sign out',
  'header.signingOut': 'Signing out…',
  'header.signOutFailed': 'You could not be signed out. Try again.',

  'signIn.title': 'Sign in',
  'signIn.intro': 'Sign in to read and comment on the drafts shared with you.',
  'signIn.email': 'Email',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.busy': 'Signing in…',
  'signIn.invitationHint': 'No account yet? The invitation link an editor sent you creates one.',
  'signIn.error.invalidCredentials': 'The email or password is not right. Check them and try again.',
  'signIn.error.rateLimited': 'Too many attempts. You can try again {when}.',
  'signIn.error.rateLimitedNoWait': 'Too many attempts. Wait a few minutes, then try again.',
  'signIn.error.invalidRequest': 'Some fields need your attention.',
  'signIn.error.email': 'Enter your email address, like name@example.org.',
  'signIn.error.password': 'Enter your password.',

  'documents.title': 'My documents',
  'documents.loading': 'Loading your documents…',
  'documents.error': 'Your documents could not be loaded.',
  'documents.empty.title': 'No document has been shared with you yet',
  'documents.empty.body':
    'When an editor invites you to a draft, the invitation link they send you brings you in, and the draft appears here.',
  'documents.loadMore': 'Show more documents',
  'documents.loadingMore': 'Loading more documents…',
  'documents.threads.open.one': '{count} open thread',
  'documents.threads.open.other': '{count} open threads',
  'documents.threads.resolved.one': '{count} resolved',
  'documents.threads.resolved.other': '{count} resolved',

  'document.loading': 'Loading the document…',
  'document.error': 'This document could not be loaded.',
  'document.role': 'Your role',
  'document.phase': 'Phase',
  'document.threads': 'Threads',
  'document.deadline': 'Comments close',
  'document.updated': 'Last updated',
  'document.liveDraftHeading': 'Live draft',
  'document.liveDraftPlaceholder':
    'The live draft will appear here, with its comment threads beside the text.',

  'role.viewer': 'Viewer',
  'role.commenter': 'Commenter',
  'role.author': 'Author',
  'role.editor': 'Editor',
  'role.owner': 'Owner',

  'phase.drafting': 'Drafting',
  'phase.consultation': 'Open for comments',
  'phase.revision': 'Under revision',
  'phase.final': 'Final',

  'notFound.title': 'Page not found',
  'notFound.body': 'There is nothing at this address. Check the link, or go back to your documents.',
  'notFound.documentTitle': 'Document not found',
  'notFound.documentBody':
    'This document does not exist, or it has not been shared with you. If you expected to see it, ask its editor for an invitation.',
  'notFound.home': 'Go to my documents',
}
