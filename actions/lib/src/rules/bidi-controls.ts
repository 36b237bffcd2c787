import { fromLoader } from './from-loader.ts';

export const bidiControls = fromLoader(
  'bidi-controls',
  'Record files hold no invisible bidirectional-text controls (U+202A–U+202E, U+2066–U+2069), which make text display in another order than it is read.',
);
