// The one codec for the hidden markers by which the bot finds its own issues, comments and pull
// requests again: `<!-- firebreak:<kind> <json> -->`. Render, read, and check the author: a marker
// counts only on something the bot's own account wrote, since anyone can paste one.

export interface MarkerOptions {
  /** Only a marker on the first line counts (issue bodies that carry their state there). */
  atStart?: boolean;
}

// JSON inside an HTML comment: "-->" must never appear in it, so "<" and ">" are escaped; the
// reader relies on that (the data has no ">").
const encode = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function renderMarker(kind: string, data?: Record<string, unknown>): string {
  return `<!-- firebreak:${kind}${data === undefined ? '' : ` ${encode(data)}`} -->`;
}

const patterns = new Map<string, RegExp>();
function pattern(kind: string, atStart: boolean): RegExp {
  const key = `${atStart ? '^' : ''}${kind}`;
  let re = patterns.get(key);
  if (!re) {
    re = new RegExp(
      `${atStart ? '^' : ''}<!-- firebreak:${escapeRegExp(kind)}(?: (\\{[^\\n>]*\\}))? -->${atStart ? '(?:\\n|$)' : ''}`,
    );
    patterns.set(key, re);
  }
  return re;
}

/** The data of the first `kind` marker in a body ({} for a marker without data), or undefined. */
export function readMarker(
  body: string | null | undefined,
  kind: string,
  options: MarkerOptions = {},
): Record<string, unknown> | undefined {
  const match = pattern(kind, options.atStart ?? false).exec(body ?? '');
  if (!match) return undefined;
  if (match[1] === undefined) return {};
  try {
    const value = JSON.parse(match[1]) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The body without its first-line `kind` marker. */
export function withoutMarker(body: string, kind: string): string {
  return body.replace(pattern(kind, true), '');
}

/** Whether the bot's account wrote it (GitHub logins compare case-insensitively). */
export function isOwn(author: string, identity: string): boolean {
  return author.toLowerCase() === identity.toLowerCase();
}

/** Every item the bot wrote that carries a `kind` marker, with the marker's data, in the order given. */
export function findOwnMarked<T extends { author: string; body: string }>(
  items: readonly T[],
  kind: string,
  identity: string,
  options: MarkerOptions = {},
): { item: T; data: Record<string, unknown> }[] {
  const found: { item: T; data: Record<string, unknown> }[] = [];
  for (const item of items) {
    if (!isOwn(item.author, identity)) continue;
    const data = readMarker(item.body, kind, options);
    if (data) found.push({ item, data });
  }
  return found;
}
