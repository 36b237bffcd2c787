// Text from records (titles, action descriptions, owners) is echoed into GitHub issues, comments
// and pull requests. There it must not ping people or teams, link or close other issues, forge a
// Firebreak marker, or exceed GitHub's limits. Intended mentions are added by the caller, from
// handles the catalog knows, after this has run.

/** GitHub's limits: 256 characters per issue title, 65,536 per issue, comment or pull-request body. */
export const TITLE_LIMIT = 256;
export const BODY_LIMIT = 65_536;

// U+2060 WORD JOINER: invisible, and it stops GitHub from reading "@name" or "#12" as a reference.
const JOINER = '\u2060';

/**
 * Neutralises free text for GitHub: "@alice" and "@org/team" stop being mentions, "#12",
 * "GH-12" and "owner/repo#12" stop being references (so "fixes #12" closes nothing), HTML
 * comments cannot open (no forged markers), and line breaks become spaces when `singleLine`.
 */
export function neutralize(text: string, { singleLine = false } = {}): string {
  let out = text
    .replace(/@(?=[A-Za-z0-9])/g, `@${JOINER}`)
    .replace(/#(?=\d)/g, `#${JOINER}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${JOINER}`)
    .replace(/<!--/g, '&lt;!--')
    .replace(/-->/g, '--&gt;');
  if (singleLine) out = out.replace(/[\r\n\t]+/g, ' ');
  return out;
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

/** Text for one table cell: neutralised, one line, pipes escaped, at most `limit` characters. */
export function safeCell(text: string, limit = 2000): string {
  return truncate(neutralize(text, { singleLine: true }).replace(/\|/g, '\\|'), limit);
}

/** A mention GitHub will notify: only for handles that look like a user or org/team, which the caller took from the catalog. */
export function mention(handle: string): string | undefined {
  const trimmed = handle.trim();
  return /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]{1,100})?$/.test(trimmed) ? trimmed : undefined;
}

/** A handle shown without notifying anyone, e.g. in a table. */
export function quietHandle(handle: string): string {
  return `\`${handle.replace(/`/g, '')}\``;
}
