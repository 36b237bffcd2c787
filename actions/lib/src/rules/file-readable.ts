import { fromLoader } from './from-loader.ts';

export const fileReadable = fromLoader(
  'file-readable',
  'Every record file can be read safely: UTF-8, under the size limit, inside the repository, not a symbolic link.',
);
