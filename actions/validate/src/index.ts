import { isRecordReaderThread, serveRecordReader } from '../../lib/src/index.ts';
import { run } from './main.ts';

if (isRecordReaderThread()) serveRecordReader();
else await run(new URL(import.meta.url));
