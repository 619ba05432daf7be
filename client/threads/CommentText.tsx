import { splitLinks } from './links.ts'

/**
 * A comment body as text: line breaks kept by CSS, http(s) addresses as links that open in a new tab and pass
 * on nothing (`rel="noopener noreferrer nofollow ugc"`). Everything is a text node: never HTML.
 */
export function CommentText({ body }: { body: string }) {
  return (
    <p class="comment-body">
      {splitLinks(body).map((part, i) =>
        part.kind === 'link' ? (
          <a key={i} href={part.href} rel="noopener noreferrer nofollow ugc" target="_blank">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </p>
  )
}
