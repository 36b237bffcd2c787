import { fromLoader } from './from-loader.ts';

export const yamlSyntax = fromLoader(
  'yaml-syntax',
  'YAML and front matter parse strictly: YAML 1.2, no duplicate keys, no custom tags, bounded aliases and nesting, YAML-only front matter.',
);
