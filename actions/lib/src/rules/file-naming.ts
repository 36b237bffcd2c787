import { localDateOf } from '../time/dates.ts';
import { docAt, fieldAt } from './helpers.ts';
import type { Rule } from './rule.ts';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const fileNaming: Rule = {
  id: 'file-naming',
  description:
    'Records sit where people look for them: incidents/YYYY/YYYY-MM-DD-slug.md by start date, runbooks/<id>.md, OpenSLO in slos/, policies in policies/.',
  defaultLevel: 'warning',
  check({ repo, report }) {
    const incidentsDir = repo.paths.incidents.replace(/\/+$/, '');
    for (const incident of repo.incidents) {
      const started = typeof incident.data?.started === 'string' ? localDateOf(incident.data.started) : undefined;
      const relative = incident.file.slice(incidentsDir.length + 1);
      const match = /^(\d{4})\/(\d{4}-\d{2}-\d{2})-(.+)\.md$/.exec(relative);
      if (!match) {
        const expected = started
          ? `${incidentsDir}/${started.slice(0, 4)}/${started}-<slug>.md`
          : `${incidentsDir}/<year>/<YYYY-MM-DD>-<slug>.md`;
        report({
          file: incident.file,
          message: `${incident.file} is not named like ${expected}.`,
          hint: 'Move it there; the id in the front matter stays the same, so references still work.',
        });
        continue;
      }
      const [, year, date, slug] = match;
      if (started && (year !== started.slice(0, 4) || date !== started)) {
        report({
          file: incident.file,
          at: fieldAt(incident, ['started']),
          message: `${incident.file} is named for ${date} but the incident started on ${started}.`,
          hint: `Rename it to ${incidentsDir}/${started.slice(0, 4)}/${started}-${slug}.md, or correct "started".`,
        });
      } else if (!SLUG.test(slug!)) {
        report({
          file: incident.file,
          message: `The slug "${slug}" in ${incident.file} should be lower case words joined by "-".`,
          hint: `For example ${date}-${slug!
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '')}.md`,
        });
      }
    }
    for (const runbook of repo.runbooks) {
      const id = runbook.data?.id;
      const stem = runbook.file.split('/').pop()!.replace(/\.md$/i, '');
      if (typeof id === 'string' && id !== stem) {
        report({
          file: runbook.file,
          at: fieldAt(runbook, ['id']),
          message: `Runbook ${id} is in ${runbook.file}; its file should be named ${id}.md.`,
          hint: `Rename the file to ${id}.md, or change the id (and every reference to it).`,
        });
      }
    }
    const within = (file: string, dir: string) => file.startsWith(`${dir.replace(/\/+$/, '')}/`);
    for (const record of repo.documents) {
      if (record.apiVersion === 'openslo/v1' && !within(record.file, repo.paths.slos)) {
        report({
          file: record.file,
          at: docAt(record, ['kind']),
          message: `${record.kind} "${record.metadata.name}" is an OpenSLO document outside ${repo.paths.slos}/.`,
          hint: `Move it to ${repo.paths.slos}/.`,
        });
      } else if (record.apiVersion === 'firebreak/v1' && !within(record.file, repo.paths.policies)) {
        report({
          file: record.file,
          at: docAt(record, ['kind']),
          message: `${record.kind} "${record.metadata.name}" is a policy outside ${repo.paths.policies}/.`,
          hint: `Move it to ${repo.paths.policies}/.`,
        });
      }
    }
  },
};
