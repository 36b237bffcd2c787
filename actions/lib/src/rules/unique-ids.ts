import type { MarkdownRecord } from '../model/types.ts';
import { docAt, fieldAt } from './helpers.ts';
import type { Rule } from './rule.ts';

const SINGLETONS = [
  'Severities',
  'FollowUpPolicy',
  'PostmortemPolicy',
  'ErrorBudgetPolicy',
  'ContributingFactors',
  'Config',
];

export const uniqueIds: Rule = {
  id: 'unique-ids',
  description:
    'Incident ids, runbook ids and record names are unique; single policies (Severities, Config ...) appear once.',
  defaultLevel: 'error',
  check({ repo, report }) {
    const markdownRecords: [MarkdownRecord<{ id?: unknown }>[], string, string][] = [
      [repo.incidents, 'Incident', 'Give this incident the next unused id; ids are never reused.'],
      [repo.runbooks, 'Runbook', 'Rename one of them and update the references.'],
    ];
    for (const [records, noun, hint] of markdownRecords) {
      const first = new Map<string, string>();
      for (const record of records) {
        const id = record.data?.id;
        if (typeof id !== 'string') continue;
        const earlier = first.get(id);
        if (earlier)
          report({
            file: record.file,
            at: fieldAt(record, ['id']),
            message: `${noun} id ${id} is already used by ${earlier}.`,
            hint,
          });
        else first.set(id, record.file);
      }
    }
    const firstDocument = new Map<string, string>();
    const firstOfKind = new Map<string, string>();
    for (const record of repo.documents) {
      const key = `${record.apiVersion} ${record.kind} ${record.metadata.name}`;
      const first = firstDocument.get(key);
      if (first) {
        report({
          file: record.file,
          at: docAt(record, ['metadata', 'name']),
          message: `${record.kind} "${record.metadata.name}" is defined twice; the first is in ${first}.`,
          hint: 'Remove one of them or give it another name.',
        });
        continue;
      }
      firstDocument.set(key, record.file);
      if (record.apiVersion !== 'firebreak/v1' || !SINGLETONS.includes(record.kind)) continue;
      const firstSingle = firstOfKind.get(record.kind);
      if (firstSingle)
        report({
          file: record.file,
          at: docAt(record, ['kind']),
          message: `There can be only one ${record.kind}; another is in ${firstSingle}.`,
          hint: `Merge the two ${record.kind} documents into one.`,
        });
      else firstOfKind.set(record.kind, record.file);
    }
  },
};
