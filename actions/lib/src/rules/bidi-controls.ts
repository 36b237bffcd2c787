import { fromLoader } from './from-loader.ts';

export const bidiControls = fromLoader(
  'bidi-controls',
  'Record files hold no invisible bidirectional-text controls (U+202A–U+202E, U+2066–U+2069), which make text display in another order than it is read.',
  `These characters reorder how text is displayed without changing what it is, so a title, an owner
or a command can look like one thing and be another (the "Trojan Source" attack). People do not
type them; they arrive by pasting. Right-to-left text (Arabic, Hebrew) displays correctly
without them.

The rule reports each line that holds one, with its code point. Everything Firebreak posts to
GitHub shows them as \uFFFD, so they cannot reorder a comment either. Delete them in the file.`,
);
