// The one neutraliser for text that came from outside (records, forms, issues, comments,
// artifacts) and is echoed by the bot. GFM's own escaping is the serialiser's job
// (serialize.ts); this handles what is not Markdown syntax and so no escaping can stop:
// mentions, issue references (and with them closing keywords), issue URLs that create
// backlinks, bidirectional-text controls, control characters, workflow-command prefixes and
// HTML comments in places that are not Markdown (titles, commit messages, logs).

/** GitHub's limits: 256 characters per issue title, 65,536 per issue, comment or pull-request body. */
export const TITLE_LIMIT = 256;
export const BODY_LIMIT = 65_536;
/** A job summary takes up to 1 MiB. */
export const JOB_SUMMARY_LIMIT = 1_000_000;

// U+2060 WORD JOINER: invisible, and it stops GitHub from reading "@name" or "#12" as a reference.
export const JOINER = '\u2060';

/** Bidirectional-text embedding, override and isolate controls ("Trojan Source"). */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** Shown in their place: visible, so a reader sees that something was there. */
export const BIDI_REPLACEMENT = '\uFFFD';

// C0 and C1 controls other than tab and line breaks, which single-line text turns into spaces.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAKS = /[\t\r\n\u2028\u2029]+/g;

/** A URL in text, as GFM's autolink literals find them (trailing punctuation left out). */
export const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>]*[^\s<>.,:;"'!?*_~)\]]/gi;
/** An issue, pull-request or discussion path on a server: GitHub makes a reference (and a backlink) of it. */
export const ISSUE_PATH = /^\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\/(issues|pull|discussions)\/(\d+)(?:[/?#]|$)/;

export interface NeutralizeOptions {
  /** Turn line breaks and tabs into spaces (titles, table cells, one-line summaries). */
  singleLine?: boolean;
}

/**
 * Neutralises free text for GitHub: "@alice" and "@org/team" stop being mentions; "#12",
 * "GH-12" and "owner/repo#12" stop being references, so "fixes #12" closes nothing; URLs stop
 * being links (GitHub links URLs in text even when they are escaped); bidi controls become
 * U+FFFD; other control characters are dropped; a line cannot start a workflow command
 * ("::error::"); "<!--" cannot open a comment (no forged markers).
 */
export function neutralize(text: string, { singleLine = false }: NeutralizeOptions = {}): string {
  let out = neutralizeReferences(text).replace(/<!--/g, `<${JOINER}!--`);
  if (singleLine) out = out.replace(LINE_BREAKS, ' ');
  return out;
}

/** Mentions, references, links, bidi and control characters, workflow commands: what Markdown text nodes need. */
export function neutralizeReferences(text: string): string {
  return neutralizeMentions(
    text
      .replace(/\b([a-z][a-z0-9+.-]*):\/\//gi, `$1:/${JOINER}/`)
      .replace(/\bwww\./gi, `www${JOINER}.`)
      .replace(/\b(mailto|xmpp):/gi, `$1${JOINER}:`),
  );
}

/** Mentions, references, bidi and control characters, workflow commands: what the text of a link needs. */
export function neutralizeMentions(text: string): string {
  return neutralizeControls(text)
    .replace(/@(?=[A-Za-z0-9])/g, `@${JOINER}`)
    .replace(/#(?=\d)/g, `#${JOINER}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${JOINER}`)
    .replace(/^(\s*):(?=:)/gm, `$1:${JOINER}`);
}

/** Bidi controls made visible, other control characters dropped; what even code spans need. */
export function neutralizeControls(text: string): string {
  return text.replace(BIDI_CONTROLS, BIDI_REPLACEMENT).replace(CONTROLS, '');
}

/** Cuts text to at most `limit` characters (UTF-16 units, as GitHub counts), ending with an ellipsis when cut. */
export function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let cut = limit - 1;
  // Never split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut--;
  return `${text.slice(0, cut)}…`;
}

/** A title safe for GitHub: one line, neutralised, at most 256 characters. */
export function safeTitle(text: string): string {
  return truncate(neutralize(text, { singleLine: true }).trim(), TITLE_LIMIT);
}

const HANDLE = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]{1,100})?$/;

/** The handle when it has the shape of a user or org/team GitHub would notify; the caller took it from the catalog. */
export function mentionable(handle: string): string | undefined {
  const trimmed = handle.trim();
  return HANDLE.test(trimmed) ? trimmed : undefined;
}
