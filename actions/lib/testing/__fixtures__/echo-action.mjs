// A minimal action with no dependencies, to test the runner harness itself.
import { appendFileSync, readFileSync } from 'node:fs';

const event = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'));
const greeting = process.env['INPUT_GREETING'] ?? '';
appendFileSync(process.env.GITHUB_OUTPUT, `node=${process.version}\n`);
appendFileSync(process.env.GITHUB_OUTPUT, `report<<EOF_1\nline one\nline: two, with = signs\nEOF_1\n`);
appendFileSync(process.env.GITHUB_STEP_SUMMARY, `## ${greeting}\n`);
console.log(`::warning file=incidents/a%2Cb.md,line=3,col=5,title=firebreak x::100%25 sure%0Asecond line`);
console.log(`event=${process.env.GITHUB_EVENT_NAME} number=${event.number ?? ''} dry-run=${process.env['INPUT_DRY-RUN'] ?? ''}`);
process.exitCode = greeting === 'fail' ? 1 : 0;
