import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Repository } from './repository.ts';

/**
 * The files whose diagnostics matter when `changed` files changed: the changed records themselves
 * and every record that refers to one of them. Undefined means "everything": a policy changed,
 * or a file was deleted (a deleted record can break references anywhere).
 */
export function affectedFiles(repo: Repository, changed: readonly string[]): Set<string> | undefined {
  const policies = `${repo.paths.policies.replace(/\/+$/, '')}/`;
  if (changed.some((file) => file.startsWith(policies) || !existsSync(path.join(repo.root, file)))) return undefined;
  const files = new Set(changed);
  const slos = new Set<string>();
  const incidents = new Set<string>();
  const runbooks = new Set<string>();
  for (const record of repo.documents)
    if (files.has(record.file) && record.kind === 'SLO') slos.add(record.metadata.name);
  for (const incident of repo.incidents)
    if (files.has(incident.file) && incident.valid) incidents.add(incident.data.id);
  for (const runbook of repo.runbooks) if (files.has(runbook.file) && runbook.valid) runbooks.add(runbook.data.id);
  for (const record of repo.reused)
    if (files.has(record.file) && record.valid && record.id)
      (record.kind === 'incident' ? incidents : runbooks).add(record.id);
  for (const incident of repo.incidents) {
    if (!incident.valid) continue;
    const d = incident.data;
    if (
      (d.slos ?? []).some((s) => slos.has(s.slo)) ||
      (d.related ?? []).some((r) => incidents.has(r)) ||
      (d.runbooks ?? []).some((r) => runbooks.has(r)) ||
      incidents.has(d.id)
    ) {
      files.add(incident.file);
    }
  }
  // Records a cache kept unparsed carry what they refer to.
  for (const record of repo.reused) {
    if (record.kind !== 'incident' || !record.valid) continue;
    const refers = record.refers ?? [];
    if (
      refers.some(
        (r) =>
          (r.startsWith('slo:') && slos.has(r.slice(4))) ||
          (r.startsWith('incident:') && incidents.has(r.slice(9))) ||
          (r.startsWith('runbook:') && runbooks.has(r.slice(8))),
      ) ||
      (record.id !== undefined && incidents.has(record.id))
    ) {
      files.add(record.file);
    }
  }
  return files;
}
