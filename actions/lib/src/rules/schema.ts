import { fromLoader } from './from-loader.ts';

export const schema = fromLoader(
  'schema',
  'Every record conforms to its JSON Schema in schemas/ (required fields, types, allowed values, formats).',
);
