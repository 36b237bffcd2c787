// Bidirectional-text controls (embeddings, overrides, isolates) make text display in another order
// than it is stored and read ("Trojan Source"): a title or owner can look like one thing and be
// another. Found while a file's text is at hand, at their exact line and column.
import { LIMITS } from './limits.ts';
import { FileProblem } from './read-file.ts';

const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const BIDI_ALL = /[\u202A-\u202E\u2066-\u2069]/g;

const NAMES: Record<number, string> = {
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

/** One problem per line that holds bidi controls (at the first), at most the per-file limit. */
export function bidiProblems(file: string, text: string): FileProblem[] {
  if (!BIDI.test(text)) return [];
  const problems: FileProblem[] = [];
  // One pass over the text: the line is counted as the matches advance, and after a finding the
  // search jumps to the next line (a line of a million controls costs one finding, not a million).
  let line = 1;
  let lineStart = 0;
  let counted = 0;
  BIDI_ALL.lastIndex = 0;
  for (let match = BIDI_ALL.exec(text); match; match = BIDI_ALL.exec(text)) {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < match.index; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    counted = match.index;
    const column = match.index - lineStart + 1;
    const code = match[0].codePointAt(0)!;
    problems.push(
      new FileProblem(
        file,
        `Line ${line} holds the invisible bidirectional-text control U+${code.toString(16).toUpperCase()} (${NAMES[code]}): it makes the text display in a different order than it is read.`,
        'Delete it: right-to-left text displays correctly without it. GitHub and the review comment show it as \uFFFD.',
        line,
        column,
      ),
    );
    if (problems.length >= LIMITS.maxFindingsPerRuleAndFile) break;
    const nextLine = text.indexOf('\n', match.index);
    if (nextLine === -1) break;
    BIDI_ALL.lastIndex = nextLine;
  }
  return problems;
}
