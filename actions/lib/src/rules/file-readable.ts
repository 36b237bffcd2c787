import { fromLoader } from './from-loader.ts';

export const fileReadable = fromLoader(
  'file-readable',
  'Every record file can be read safely: UTF-8, under the size limit, inside the repository, not a symbolic link.',
  `A file that cannot be read is reported and left untouched; every other file is still checked.

- Invalid UTF-8: the message gives the line and column of the first bad byte. Re-save the file as UTF-8.
- Over 1 MiB: split the record or link to large attachments instead of pasting them.
- Symbolic links are never followed, so a link cannot make Firebreak read outside the repository.`,
);
