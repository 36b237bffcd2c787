// `firebreak site`: the static site for GitHub Pages, built from the records. A dashboard (twelve
// months of trends, error budgets, postmortem and action-item health, load), a page per team,
// service and incident, incident lists by month, and the public status page with its JSON and Atom
// feed. Pages are plain HTML with charts as inline SVG rendered here: no script, no request beyond
// the site's own pages.
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { Repository } from '../load/repository.ts';
import { growHeapNormally } from '../runtime/heap.ts';
import { readActionItems } from '../model/action-items.ts';
import type { Catalog } from '../model/catalog.ts';
import type { IncidentFacts, Measure } from '../metrics/facts.ts';
import { statsOf } from '../metrics/stats.ts';
import { parseDuration, formatDuration } from '../time/duration.ts';
import { localParts } from '../time/zoned.ts';
import { chartFigure, type ChartSpec } from './chart.ts';
import { buildDashboard, type Dashboard, type MonthFigures } from './dashboard.ts';
import { statusFeed } from './feed.ts';
import { cards, definitions, el, numeric, page, slug, table, type Child, type NavItem } from './html.ts';
import { buildStatus, type StatusIncident, type StatusModel } from './status.ts';

export interface SiteOptions {
  now: number;
  /** The site's absolute URL ending in / (feed links); optional. */
  baseUrl?: string;
  /** Prefix of links to record files, e.g. https://github.com/acme/incidents/blob/main/; without it no source links. */
  sourceUrl?: string;
  /** Only the public status page (for a site anyone can read when the dashboard must stay internal). */
  statusOnly?: boolean;
  title?: string;
}

export interface SiteFile {
  /** Relative to the output directory, with / separators. */
  path: string;
  content: string;
}

const DASHBOARD: NavItem = { href: 'index.html', label: 'Dashboard' };
const INCIDENTS: NavItem = { href: 'incidents/index.html', label: 'Incidents' };
const STATUS: NavItem = { href: 'status/index.html', label: 'Status' };
const RECENT = 50;

const minutes = (m: number | null | undefined) =>
  m === null || m === undefined ? '—' : formatDuration(Math.round(m) * 60_000);
const pct = (v: number | null | undefined, digits = 0) =>
  v === null || v === undefined ? '—' : `${v.toFixed(digits)}%`;
const hours = (m: number | null) => (m === null ? null : Number((m / 60).toFixed(2)));

/** File names for record ids, unique even when two ids make the same slug. */
class Names {
  private used = new Map<string, string>();
  private taken = new Set<string>();
  get(id: string): string {
    let name = this.used.get(id);
    if (name) return name;
    const base = slug(id);
    name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}-${n}`;
    this.used.set(id, name);
    this.taken.add(name);
    return name;
  }
}

/**
 * Builds the site and hands each file to `emit` as soon as it is made (so that tens of thousands of
 * incident pages are never all in memory). Returns the number of files.
 */
export async function buildSite(
  repo: Repository,
  catalog: Catalog,
  options: SiteOptions,
  emit: (file: SiteFile) => void | Promise<void>,
): Promise<number> {
  // Pages are short-lived garbage on top of the loaded records: let V8 size the heap for that.
  growHeapNormally();
  let count = 0;
  const out = async (file: SiteFile) => {
    count++;
    await emit(file);
  };
  const title = options.title ?? 'Reliability';
  const dashboard = buildDashboard(repo, catalog, options.now);
  const status = buildStatus(repo, catalog, dashboard.report, options.now);
  const nav = options.statusOnly ? [STATUS] : [DASHBOARD, INCIDENTS, STATUS];
  for (const file of statusPages(status, new Names(), nav, title, options)) await out(file);
  if (options.statusOnly) {
    await out({ path: 'index.html', content: redirectPage('status/index.html', title) });
    return count;
  }
  const site = new SiteContext(repo, catalog, dashboard, nav, title, options);
  await out({ path: 'index.html', content: await site.dashboardPage() });
  await site.incidentPages(out);
  for (const team of site.teams())
    await out({ path: `teams/${site.teamNames.get(team)}.html`, content: await site.groupPage('team', team) });
  for (const service of site.services())
    await out({
      path: `services/${site.serviceNames.get(service)}.html`,
      content: await site.groupPage('service', service),
    });
  return count;
}

/** Every file of the site, in memory (tests and small repositories). */
export async function collectSite(repo: Repository, catalog: Catalog, options: SiteOptions): Promise<SiteFile[]> {
  const files: SiteFile[] = [];
  await buildSite(repo, catalog, options, (file) => {
    files.push(file);
  });
  return files;
}

/**
 * A sink for buildSite that writes each file under `dir`, creating folders as needed. Writes run in
 * the background, at most WRITES_IN_FLIGHT at a time, so that the pages are made while earlier ones
 * are written; `flush` waits for the last ones and reports the first error.
 */
export function siteWriter(dir: string): { write: (file: SiteFile) => Promise<void>; flush: () => Promise<void> } {
  const made = new Set<string>();
  const pending = new Set<Promise<void>>();
  let failure: unknown;
  const write = async (file: SiteFile) => {
    if (failure) throw failure;
    const target = path.join(dir, ...file.path.split('/'));
    const folder = path.dirname(target);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    const task = writeFile(target, file.content).catch((error: unknown) => {
      failure ??= error;
    });
    pending.add(task);
    void task.finally(() => pending.delete(task));
    if (pending.size >= WRITES_IN_FLIGHT) await Promise.race(pending);
  };
  const flush = async () => {
    await Promise.all(pending);
    if (failure) throw failure;
  };
  return { write, flush };
}

const WRITES_IN_FLIGHT = 32;

/** Writes files made by collectSite under `dir`. */
export async function writeSite(dir: string, files: SiteFile[]): Promise<number> {
  const writer = siteWriter(dir);
  for (const file of files) await writer.write(file);
  await writer.flush();
  return files.length;
}

function redirectPage(to: string, title: string): string {
  return page({
    title,
    root: '',
    nav: [STATUS],
    main: [h('h1', title), h('p', h('a', { href: to }, 'Service status'))],
  });
}

class SiteContext {
  readonly teamNames = new Names();
  readonly serviceNames = new Names();
  readonly incidentNames = new Names();
  private chartIds = 0;
  private readonly budgetCharts = new Map<string, Element>();
  private readonly budgetNames = new Names();
  private readonly timeZone: string;
  private readonly byTeam = new Map<string, IncidentFacts[]>();
  private readonly byService = new Map<string, IncidentFacts[]>();

  constructor(
    repo: Repository,
    private readonly catalog: Catalog,
    private readonly d: Dashboard,
    private readonly nav: NavItem[],
    private readonly title: string,
    private readonly options: SiteOptions,
  ) {
    this.timeZone = repo.config.timezone ?? 'UTC';
    for (const f of d.facts) {
      for (const t of f.teams) (this.byTeam.get(t) ?? this.byTeam.set(t, []).get(t)!).push(f);
      for (const s of f.services) (this.byService.get(s) ?? this.byService.set(s, []).get(s)!).push(f);
    }
  }

  teams(): string[] {
    return [...new Set([...this.catalog.teams.keys(), ...this.byTeam.keys()])].sort();
  }

  services(): string[] {
    return [...new Set([...this.catalog.services.keys(), ...this.byService.keys()])].sort();
  }

  private page(pathFromRoot: string, title: string, main: Child[], current?: string): string {
    const depth = pathFromRoot.split('/').length - 1;
    return page({
      title: `${title} · ${this.title}`,
      root: '../'.repeat(depth),
      nav: this.nav,
      current,
      main,
      footer: [
        `Built from the records at ${new Date(this.options.now).toISOString().slice(0, 16).replace('T', ' ')} UTC. Definitions of every figure: docs/metrics.md.`,
      ],
    });
  }

  private chart(spec: Omit<ChartSpec, 'id'>): Promise<Element> {
    return chartFigure({ ...spec, id: `chart-${++this.chartIds}` });
  }

  private incidentLink(f: IncidentFacts, root: string): Element {
    return h('a', { href: `${root}incidents/${this.incidentNames.get(f.id)}.html` }, `${f.id}: ${f.title}`);
  }

  private incidentRows(list: IncidentFacts[], root: string): Child[][] {
    return list.map((f) => [
      this.incidentLink(f, root),
      f.severity,
      f.incident.data.status,
      f.incident.data.started?.slice(0, 16).replace('T', ' ') ?? '',
      minutes(f.minutes.acknowledge),
      minutes(f.minutes.resolve),
    ]);
  }

  private incidentTable(list: IncidentFacts[], root: string, caption?: string): Element {
    return table(
      caption,
      ['Incident', 'Severity', 'Status', 'Started', ...numeric('Acknowledge', 'Resolve')],
      this.incidentRows(list, root),
    );
  }

  // --- charts shared by the dashboard and the team and service pages ----------------------------

  private severityChart(months: MonthFigures[], severities: string[], what: string): Promise<Element> {
    const shown = severities.filter((s) => months.some((m) => m.bySeverity[s]));
    const values = months.flatMap((m) =>
      shown.map((s) => ({ month: m.start, severity: s, incidents: m.bySeverity[s] ?? 0 })),
    );
    return this.chart({
      title: `Incidents per month by severity${what}`,
      description: `Incidents that started in each of the last ${months.length} months, stacked by severity (${shown.join(', ') || 'none'}). In total ${months.reduce((a, m) => a + m.incidents, 0)}.`,
      spec: monthlyStackedBars('severity', 'Severity', shown),
      values: shown.length ? values : [],
      table: monthTable(months, shown, (m) => shown.map((s) => String(m.bySeverity[s] ?? 0))),
    });
  }

  private durationChart(months: MonthFigures[], measure: 'acknowledge' | 'resolve', what: string): Promise<Element> {
    const name = measure === 'acknowledge' ? 'Time to acknowledge' : 'Time to resolve';
    const values = months.flatMap((m) => [
      { month: m.start, statistic: 'median', hours: hours(m[measure].median) },
      { month: m.start, statistic: 'p90', hours: hours(m[measure].p90) },
    ]);
    return this.chart({
      title: `${name}${what}, median and p90`,
      description: `${name} from started, in hours, per month: the median and the 90th percentile of the incidents that started that month. A month without incidents is a gap in the lines.`,
      spec: monthlyLines(
        { field: 'hours', type: 'quantitative', title: 'Hours' },
        {
          series: {
            color: { field: 'statistic', type: 'nominal', title: null, scale: { domain: ['median', 'p90'] } },
            strokeDash: {
              field: 'statistic',
              type: 'nominal',
              legend: null,
              scale: {
                domain: ['median', 'p90'],
                range: [
                  [1, 0],
                  [5, 3],
                ],
              },
            },
          },
        },
      ),
      values: months.some((m) => m[measure].count) ? values : [],
      table: monthTable(months, ['Incidents', 'Median', 'p90'], (m) => [
        String(m[measure].count),
        minutes(m[measure].median),
        minutes(m[measure].p90),
      ]),
    });
  }

  // --- the dashboard ---------------------------------------------------------------------------

  async dashboardPage(): Promise<string> {
    const { report, months, severities } = this.d;
    const tta = report.timeToAction.reduce((a, t) => ({ met: a.met + t.met, measured: a.measured + t.measured }), {
      met: 0,
      measured: 0,
    });
    const main: Child[] = [
      h('h1', this.title),
      h(
        'p',
        { className: ['muted'] },
        `The last ${months.length} months: ${report.window.startDate} to ${report.window.endDate} (end exclusive), ${report.timeZone}.`,
      ),
      cards([
        ['incidents', String(report.incidents.total), `${report.incidents.open} open`],
        [
          'median time to acknowledge',
          minutes(report.durations.current.acknowledge.median),
          `p90 ${minutes(report.durations.current.acknowledge.p90)}`,
        ],
        [
          'median time to resolve',
          minutes(report.durations.current.resolve.median),
          `p90 ${minutes(report.durations.current.resolve.p90)}`,
        ],
        [
          'acknowledged within target',
          tta.measured ? pct((tta.met / tta.measured) * 100) : '—',
          `${tta.met} of ${tta.measured}`,
        ],
        [
          'postmortems on time',
          pct(report.postmortems.onTimeShare),
          `${report.postmortems.published} of ${report.postmortems.required} published`,
        ],
        ['action items overdue', String(report.actionItems.overdue), `of ${report.actionItems.open} open`],
      ]),
      h('h2', 'Trends'),
      h('div', { className: ['charts'] }, [
        await this.severityChart(months, severities, ''),
        await this.durationChart(months, 'acknowledge', ''),
        await this.durationChart(months, 'resolve', ''),
        await this.complianceChart(months),
        await this.factorChart(months),
        await this.loadChart(),
      ]),
      h('h2', 'Error budgets'),
      ...(await this.budgets()),
      h('h2', 'Postmortems and action items'),
      ...this.health(),
      h('h2', 'Teams'),
      table(
        undefined,
        ['Team', ...numeric('Incidents (12 months)', 'Median to acknowledge', 'Median to resolve')],
        this.teams().map((t) => {
          const g = report.durations.byTeam.find((x) => x.key === t);
          return [
            h('a', { href: `teams/${this.teamNames.get(t)}.html` }, this.catalog.teams.get(t)?.spec.displayName ?? t),
            String(g?.incidents ?? 0),
            minutes(g?.durations.acknowledge.median),
            minutes(g?.durations.resolve.median),
          ];
        }),
      ),
      h('h2', 'Services'),
      table(
        undefined,
        ['Service', 'Owner', ...numeric('Incidents (12 months)', 'Median to resolve')],
        this.services().map((s) => {
          const g = report.durations.byService.find((x) => x.key === s);
          return [
            h('a', { href: `services/${this.serviceNames.get(s)}.html` }, s),
            this.catalog.services.get(s)?.spec.owner ?? '—',
            String(g?.incidents ?? 0),
            minutes(g?.durations.resolve.median),
          ];
        }),
      ),
      h('h2', 'Recent incidents'),
      this.incidentTable([...this.d.facts].reverse().slice(0, 20), ''),
      h('p', h('a', { href: INCIDENTS.href }, 'Every incident, by month')),
    ];
    return this.page('index.html', 'Dashboard', main, DASHBOARD.href);
  }

  private complianceChart(months: MonthFigures[]): Promise<Element> {
    const values = months.map((m) => ({
      month: m.start,
      compliance: m.timeToAction.compliance === null ? null : Number(m.timeToAction.compliance.toFixed(1)),
    }));
    return this.chart({
      title: 'Time-to-action compliance',
      description:
        "Share of incidents acknowledged within their severity's time-to-action target, per month, in percent. A month without measured incidents is a gap.",
      spec: monthlyLines(
        { field: 'compliance', type: 'quantitative', title: 'Percent', scale: { domain: [0, 100] } },
        { colour: COLOUR_ONE },
      ),
      values: months.some((m) => m.timeToAction.measured) ? values : [],
      table: monthTable(months, ['Within target', 'Measured', 'Compliance'], (m) => [
        String(m.timeToAction.met),
        String(m.timeToAction.measured),
        pct(m.timeToAction.compliance),
      ]),
    });
  }

  private factorChart(months: MonthFigures[]): Promise<Element> {
    const totals = new Map<string, number>();
    for (const m of months) for (const [f, n] of Object.entries(m.factors)) totals.set(f, (totals.get(f) ?? 0) + n);
    const top = [...totals]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 6)
      .map(([f]) => f);
    const shown = totals.size > top.length ? [...top, 'other'] : top;
    const values = months.flatMap((m) =>
      shown.map((f) => ({
        month: m.start,
        factor: f,
        incidents:
          f === 'other'
            ? Object.entries(m.factors)
                .filter(([k]) => !top.includes(k))
                .reduce((a, [, n]) => a + n, 0)
            : (m.factors[f] ?? 0),
      })),
    );
    return this.chart({
      title: 'Contributing factors over time',
      description: `How often each contributing factor was named, per month: the ${top.length} most frequent over the period${shown.includes('other') ? ', and the rest as other' : ''}. An incident with several factors counts once for each.`,
      spec: monthlyStackedBars('factor', 'Factor', shown),
      values: shown.length ? values : [],
      table: monthTable(months, shown, (m) =>
        values.filter((v) => v.month === m.start).map((v) => String(v.incidents)),
      ),
    });
  }

  private loadChart(): Promise<Element> {
    const people = this.d.report.responders.slice(0, 10);
    return this.chart({
      title: 'Responder load',
      description: `The ${people.length} responders with the highest load over the period: incident hours weighted by severity (docs/metrics.md). Nights and weekends are in the table.`,
      spec: {
        mark: { type: 'bar', color: COLOUR_ONE },
        encoding: {
          y: { field: 'responder', type: 'nominal', sort: '-x', title: null, axis: { labelLimit: 110 } },
          x: { field: 'load', type: 'quantitative', title: 'Load' },
        },
      },
      values: people.map((p) => ({ responder: p.handle, load: Number(p.load.toFixed(1)) })),
      height: Math.max(CHART_HEIGHT_ROWS, people.length * 22),
      table: {
        columns: ['Responder', ...numeric('Incidents', 'Hours', 'Nights', 'Weekends', 'Load')],
        rows: people.map((p) => [
          p.handle,
          String(p.incidents),
          p.hours.toFixed(1),
          String(p.nights),
          String(p.weekends),
          p.load.toFixed(1),
        ]),
      },
    });
  }

  private async budgets(slos?: Set<string>): Promise<Child[]> {
    const budgets = this.d.report.budgets.filter((b) => !slos || slos.has(b.slo));
    if (budgets.length === 0) return [h('p', 'No SLOs are defined.')];
    const out: Child[] = [
      table(
        undefined,
        ['SLO', 'Window', ...numeric('Objective', 'Remaining', 'Burn rate'), 'Status'],
        budgets.map((b) => [
          b.displayName ?? b.slo,
          b.window.label,
          `${Number((b.target * 100).toFixed(3))}%`,
          pct(b.remainingPercent),
          b.burnRate === null ? '—' : b.burnRate.toFixed(2),
          b.status?.status ?? b.note ?? '—',
        ]),
      ),
    ];
    const charts: Element[] = [];
    for (const b of budgets.filter((x) => x.burnDown.length >= 2)) {
      const name = b.displayName ?? b.slo;
      // The dashboard and the service page show the same burn-down: rendered once, with an id unique on either page.
      const cached = this.budgetCharts.get(b.slo);
      if (cached) {
        charts.push(cached);
        continue;
      }
      charts.push(
        await chartFigure({
          id: `budget-${this.budgetNames.get(b.slo)}`,
          title: `Error budget remaining: ${name}`,
          description: `Percent of the ${b.window.label} error budget of ${name} left at the end of each day; ${b.remainingPercent === null ? 'unknown now' : `${b.remainingPercent.toFixed(0)}% now`}. Below 0 the budget is overspent.`,
          spec: {
            mark: { type: 'line', color: COLOUR_ONE, interpolate: 'step-after', point: false },
            encoding: {
              x: { field: 'date', type: 'temporal', title: null, axis: { format: '%d %b' } },
              y: { field: 'remaining', type: 'quantitative', title: 'Percent left', scale: { domainMax: 100 } },
            },
          },
          values: b.burnDown.map((p) => ({ date: p.date, remaining: Number(p.remainingPercent.toFixed(2)) })),
          table: {
            columns: ['Day', ...numeric('Percent left')],
            rows: b.burnDown.map((p) => [p.date, p.remainingPercent.toFixed(1)]),
          },
        }),
      );
      this.budgetCharts.set(b.slo, charts[charts.length - 1]!);
    }
    if (charts.length) out.push(h('div', { className: ['charts'] }, charts));
    return out;
  }

  private health(): Child[] {
    const { postmortems: pm, actionItems: ai } = this.d.report;
    return [
      cards([
        ['postmortems required', String(pm.required), `${pm.published} published`],
        [
          'published on time',
          pct(pm.onTimeShare),
          `median ${pm.medianDaysToPublish === null ? '—' : `${pm.medianDaysToPublish.toFixed(1)} days`} to publish`,
        ],
        ['action items open', String(ai.open), `${ai.overdue} overdue`],
        ['action items completed', pct(ai.completionRate), `${ai.done} done, ${ai.wontDo} won't do`],
      ]),
      ai.byTeam.length
        ? table(
            'Action items by team',
            ['Team', ...numeric('Open', 'Overdue', 'Done', 'Completion')],
            ai.byTeam.map((t) => [t.team, String(t.open), String(t.overdue), String(t.done), pct(t.completionRate)]),
          )
        : null,
      ai.overdueItems.length
        ? table(
            'Overdue action items',
            ['Incident', 'Item', 'Action', 'Owner', 'Due', 'Priority'],
            ai.overdueItems.slice(0, RECENT).map((i) => [i.incident, i.id, i.action, i.owner, i.due, i.priority]),
          )
        : h('p', 'No action item is overdue.'),
    ];
  }

  // --- teams and services ----------------------------------------------------------------------

  async groupPage(kind: 'team' | 'service', name: string): Promise<string> {
    const list = (kind === 'team' ? this.byTeam : this.byService).get(name) ?? [];
    const root = '../';
    const months = this.monthsOf(list);
    const team = kind === 'team' ? this.catalog.teams.get(name) : undefined;
    const service = kind === 'service' ? this.catalog.services.get(name) : undefined;
    const shownName = team?.spec.displayName ?? name;
    const recent = [...list].reverse();
    const stat = (m: Measure) =>
      statsOf(
        recent
          .filter((f) => f.started >= this.windowStart())
          .map((f) => f.minutes[m])
          .filter((v): v is number => v !== undefined),
      );
    const facts: [string, Child][] = [];
    if (team) facts.push(['Members', (team.spec.members ?? []).map((m) => m.handle).join(', ') || '—']);
    if (team)
      facts.push([
        'Services',
        this.services()
          .filter((s) => this.catalog.services.get(s)?.spec.owner === name)
          .flatMap((s, i) => [i ? ', ' : '', h('a', { href: `${root}services/${this.serviceNames.get(s)}.html` }, s)]),
      ]);
    if (service)
      facts.push([
        'Owner',
        service.spec.owner
          ? h('a', { href: `${root}teams/${this.teamNames.get(service.spec.owner)}.html` }, service.spec.owner)
          : '—',
      ]);
    if (service?.spec.description) facts.push(['What it does', service.spec.description]);
    if (service?.spec.tier !== undefined) facts.push(['Tier', String(service.spec.tier)]);
    const ack = stat('acknowledge');
    const res = stat('resolve');
    const main: Child[] = [
      h('h1', `${kind === 'team' ? 'Team' : 'Service'}: ${shownName}`),
      facts.length ? definitions(facts) : null,
      cards([
        ['incidents in 12 months', String(months.reduce((a, m) => a + m.incidents, 0)), `${list.length} in all`],
        ['median time to acknowledge', minutes(ack.median), `p90 ${minutes(ack.p90)}`],
        ['median time to resolve', minutes(res.median), `p90 ${minutes(res.p90)}`],
      ]),
      h('div', { className: ['charts'] }, [
        await this.severityChart(months, this.d.severities, `, ${shownName}`),
        await this.durationChart(months, 'resolve', `, ${shownName}`),
      ]),
    ];
    if (service?.spec.slos?.length)
      main.push(h('h2', 'Error budgets'), ...(await this.budgets(new Set(service.spec.slos))));
    main.push(
      h('h2', 'Incidents'),
      list.length
        ? this.incidentTable(
            recent.slice(0, RECENT),
            root,
            list.length > RECENT ? `The ${RECENT} most recent of ${list.length}.` : undefined,
          )
        : h('p', 'No incidents.'),
    );
    return this.page(`${kind}s/x.html`, shownName, main);
  }

  private windowStart(): number {
    return Date.parse(this.d.report.window.start);
  }

  private monthsOf(list: IncidentFacts[]): MonthFigures[] {
    const start = this.windowStart();
    const inside = list.filter((f) => f.started >= start);
    const byMonth = new Map<string, IncidentFacts[]>();
    for (const f of inside) {
      const month = monthOf(f, this.timeZone);
      (byMonth.get(month) ?? byMonth.set(month, []).get(month)!).push(f);
    }
    return this.d.months.map((m) => {
      const facts = byMonth.get(m.month) ?? [];
      const bySeverity: Record<string, number> = {};
      for (const f of facts) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
      const resolve = statsOf(facts.map((f) => f.minutes.resolve).filter((v): v is number => v !== undefined));
      return {
        ...m,
        incidents: facts.length,
        bySeverity,
        resolve,
        acknowledge: statsOf(facts.map((f) => f.minutes.acknowledge).filter((v): v is number => v !== undefined)),
        factors: {},
      };
    });
  }

  // --- incidents -------------------------------------------------------------------------------

  async incidentPages(emit: (file: SiteFile) => Promise<void>): Promise<void> {
    const byMonth = new Map<string, IncidentFacts[]>();
    for (const f of this.d.facts) {
      const month = monthOf(f, this.timeZone);
      (byMonth.get(month) ?? byMonth.set(month, []).get(month)!).push(f);
      await emit({ path: `incidents/${this.incidentNames.get(f.id)}.html`, content: this.incidentPage(f) });
    }
    const months = [...byMonth.keys()].sort().reverse();
    for (const month of months) {
      const list = [...byMonth.get(month)!].reverse();
      await emit({
        path: `incidents/months/${month}.html`,
        content: this.page(
          'incidents/months/x.html',
          `Incidents ${month}`,
          [h('h1', `Incidents that started in ${month}`), this.incidentTable(list, '../../')],
          INCIDENTS.href,
        ),
      });
    }
    const main: Child[] = [
      h('h1', 'Incidents'),
      months.length
        ? table(
            undefined,
            ['Month', ...numeric('Incidents', 'Open')],
            months.map((m) => [
              h('a', { href: `months/${m}.html` }, m),
              String(byMonth.get(m)!.length),
              String(byMonth.get(m)!.filter((f) => f.open).length),
            ]),
          )
        : h('p', 'No incidents yet.'),
    ];
    await emit({
      path: 'incidents/index.html',
      content: this.page('incidents/index.html', 'Incidents', main, INCIDENTS.href),
    });
  }

  private readonly targets = new Map<string, number | undefined>();

  private target(severity: string): number | undefined {
    if (!this.targets.has(severity))
      this.targets.set(severity, parseDuration(this.catalog.severities.get(severity)?.timeToAction ?? ''));
    return this.targets.get(severity);
  }

  private incidentPage(f: IncidentFacts): string {
    const root = '../';
    const data = f.incident.data;
    const target = this.target(f.severity);
    const items = readActionItems(f.incident)?.items ?? [];
    const roles = Object.entries(data.roles ?? {}).map(
      ([role, who]) => `${role}: ${Array.isArray(who) ? who.join(', ') : who}`,
    );
    const main: Child[] = [
      el('h1', null, [`${f.id}: ${f.title}`]),
      definitions([
        ['Severity', f.severity],
        ['Status', data.status],
        ['Postmortem', data.postmortem ?? 'draft'],
        [
          'Services',
          f.services.flatMap((s, i) => [
            i ? ', ' : '',
            el('a', { href: `${root}services/${this.serviceNames.get(s)}.html` }, [s]),
          ]),
        ],
        [
          'Teams',
          f.teams.length
            ? f.teams.flatMap((t, i) => [
                i ? ', ' : '',
                el('a', { href: `${root}teams/${this.teamNames.get(t)}.html` }, [t]),
              ])
            : '—',
        ],
        ['Commander', data.commander],
        ['Roles', roles.join('; ') || '—'],
        ['Contributing factors', (data.contributing_factors ?? []).join(', ') || '—'],
        ...(this.options.sourceUrl
          ? ([
              [
                'Postmortem',
                el(
                  'a',
                  { href: this.options.sourceUrl + f.incident.file.split('/').map(encodeURIComponent).join('/') },
                  [f.incident.file],
                ),
              ],
            ] as [string, Child][])
          : []),
      ]),
      data.impact ? [el('h2', null, ['Impact']), el('p', null, [data.impact])] : null,
      el('h2', null, ['Timeline']),
      table(
        undefined,
        ['Timestamp', 'At (as written)', ...numeric('From started'), 'Target'],
        (['started', 'detected', 'acknowledged', 'mitigated', 'resolved'] as const).map((k) => {
          const measure = (
            { detected: 'detect', acknowledged: 'acknowledge', mitigated: 'mitigate', resolved: 'resolve' } as const
          )[k as Exclude<typeof k, 'started'>];
          const took = measure ? f.minutes[measure] : undefined;
          const verdict =
            k === 'acknowledged' && target !== undefined && took !== undefined
              ? `${minutes(target / 60_000)}: ${took <= target / 60_000 ? 'met' : 'missed'}`
              : '';
          return [k, data[k] ?? '—', measure ? minutes(took) : '', verdict];
        }),
      ),
    ];
    if (data.slos?.length)
      main.push(
        el('h2', null, ['SLOs']),
        table(
          undefined,
          ['SLO', ...numeric('Bad minutes', 'Bad events', 'Total events')],
          data.slos.map((s) => [
            s.slo,
            s.bad_minutes === undefined ? '—' : String(s.bad_minutes),
            s.bad_events === undefined ? '—' : String(s.bad_events),
            s.total_events === undefined ? '—' : String(s.total_events),
          ]),
        ),
      );
    main.push(
      el('h2', null, ['Action items']),
      items.length
        ? table(
            undefined,
            ['ID', 'Action', 'Owner', 'Due', 'Priority', 'Status'],
            items.map((i) => [i.id, i.action, i.owner, i.due, i.priority, i.status]),
          )
        : el('p', null, ['None recorded.']),
    );
    return this.page('incidents/x.html', f.id, main, INCIDENTS.href);
  }
}

const COLOUR_ONE = '#0969da';
const CHART_HEIGHT_ROWS = 160;

/** The x axis of the line charts: one tick per month, named by the month's short name. */
const MONTH_AXIS = {
  field: 'month',
  type: 'temporal',
  timeUnit: 'yearmonth',
  title: null,
  axis: { format: '%b', tickCount: 'month' },
} as const;

/**
 * Lines over the months with a point per month and a gap where a month has no value, plotting `y`:
 * one line in `colour`, or lines split by the `series` channels (color, strokeDash).
 */
function monthlyLines(
  y: Record<string, unknown>,
  { colour, series }: { colour?: string; series?: Record<string, unknown> },
): Record<string, unknown> {
  const mark = { type: 'line', point: true, invalid: 'break-paths-show-domains' };
  return { mark: colour ? { ...mark, color: colour } : mark, encoding: { x: MONTH_AXIS, y, ...series } };
}

/** A chart's data table with a row per month: the month, then one numeric column per label. */
function monthTable(
  months: MonthFigures[],
  labels: string[],
  cells: (month: MonthFigures) => string[],
): ChartSpec['table'] {
  return {
    columns: ['Month', ...numeric(...labels)],
    rows: months.map((m) => [m.month, ...cells(m)]),
  };
}

/** Bars of incidents per month, stacked by `field` (the series in `shown`, in that order). */
function monthlyStackedBars(field: string, title: string, shown: string[]): Record<string, unknown> {
  return {
    mark: 'bar',
    encoding: {
      x: { field: 'month', type: 'ordinal', timeUnit: 'yearmonth', title: null, axis: { format: '%b' } },
      y: {
        field: 'incidents',
        type: 'quantitative',
        aggregate: 'sum',
        title: 'Incidents',
        axis: { tickMinStep: 1, format: 'd' },
      },
      color: { field, type: 'nominal', title, sort: shown, scale: { domain: shown } },
    },
  };
}

const months = new WeakMap<IncidentFacts, string>();

/** YYYY-MM of the month the incident started in, in the Config time zone (computed once per incident). */
function monthOf(f: IncidentFacts, timeZone: string): string {
  let month = months.get(f);
  if (month === undefined) {
    const p = localParts(f.started, timeZone);
    month = `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}`;
    months.set(f, month);
  }
  return month;
}

// --- the status page ---------------------------------------------------------------------------

function statusPages(
  model: StatusModel,
  names: Names,
  nav: NavItem[],
  title: string,
  options: SiteOptions,
): SiteFile[] {
  const files: SiteFile[] = [];
  const pagePath = (i: StatusIncident) => `status/incidents/${names.get(i.id)}.html`;
  const when = (t: string) =>
    t.slice(0, 16).replace('T', ' ') + (t.length > 19 ? ` ${t.slice(19).replace(/^\.\d+/, '')}` : '');
  const feedLink = h('link', {
    rel: 'alternate',
    type: 'application/atom+xml',
    title: `${title} status`,
    href: 'feed.atom',
  });
  const banner = model.current.length
    ? h(
        'p',
        { className: ['status', 'down'], role: 'status' },
        `${model.current.length} incident${model.current.length === 1 ? '' : 's'} in progress`,
      )
    : h('p', { className: ['status', 'ok'], role: 'status' }, 'All systems operational');
  const summary = (i: StatusIncident, root: string): Child[] => [
    h('h3', h('a', { href: `${root}incidents/${names.get(i.id)}.html` }, i.title)),
    h(
      'p',
      { className: ['muted'] },
      `${i.impact === 'major' ? 'Major' : 'Minor'} impact · ${i.status} · started ${when(i.started)}${i.resolved ? ` · resolved ${when(i.resolved)}` : ''}${i.services.length ? ` · ${i.services.join(', ')}` : ''}`,
    ),
    i.updates[0] ? h('p', i.updates[0].message) : i.summary ? h('p', i.summary) : null,
  ];
  const main: Child[] = [
    h('h1', `${title}: service status`),
    banner,
    h('h2', 'Services'),
    model.services.length
      ? table(
          undefined,
          ['Service', 'Status', 'Availability (objective)'],
          model.services.map((s) => [
            s.name,
            s.status === 'operational' ? 'Operational' : 'Disrupted',
            s.availability
              .map(
                (a) =>
                  `${a.measured === null ? '—' : `${a.measured.toFixed(3)}%`} over ${a.window} (${Number(a.objective.toFixed(3))}%)`,
              )
              .join('; ') || '—',
          ]),
        )
      : h('p', 'No services are listed.'),
    h('h2', 'Current incidents'),
    model.current.length ? model.current.map((i) => summary(i, '')) : h('p', 'None.'),
    h('h2', 'Past incidents'),
    model.past.length ? model.past.slice(0, RECENT).map((i) => summary(i, '')) : h('p', 'None.'),
    h('p', [
      'Also as ',
      h('a', { href: 'status.json' }, 'JSON'),
      ' and an ',
      h('a', { href: 'feed.atom' }, 'Atom feed'),
      '.',
    ]),
  ];
  files.push({
    path: 'status/index.html',
    content: page({ title: `Status · ${title}`, root: '../', nav, current: STATUS.href, main, links: [feedLink] }),
  });
  for (const i of [...model.current, ...model.past]) {
    const body: Child[] = [
      h('h1', i.title),
      h(
        'p',
        { className: ['muted'] },
        `${i.impact === 'major' ? 'Major' : 'Minor'} impact · ${i.status}${i.services.length ? ` · ${i.services.join(', ')}` : ''}`,
      ),
      definitions([
        ['Started', when(i.started)],
        ['Resolved', i.resolved ? when(i.resolved) : 'not yet'],
      ]),
      i.summary ? h('p', i.summary) : null,
      h('h2', 'Updates'),
      i.updates.length
        ? h(
            'ol',
            { className: ['updates'] },
            i.updates.map((u) =>
              h('li', [
                h('p', { className: ['muted'] }, `${when(u.at)}${u.status ? ` · ${u.status}` : ''}`),
                h('p', u.message),
              ]),
            ),
          )
        : h('p', 'No updates.'),
    ];
    if (i.postmortem) {
      body.push(h('h2', 'Postmortem'));
      for (const s of i.postmortem.sections) {
        body.push(h('h3', s.heading));
        const items = s.blocks.filter((b) => b.kind === 'item');
        for (const b of s.blocks) if (b.kind === 'paragraph') body.push(h('p', b.text));
        if (items.length)
          body.push(
            h(
              'ul',
              items.map((b) => h('li', b.text)),
            ),
          );
      }
      body.push(h('p', `Follow-up actions: ${i.postmortem.actions.done} of ${i.postmortem.actions.total} done.`));
    }
    files.push({
      path: pagePath(i),
      content: page({
        title: `${i.title} · ${title} status`,
        root: '../../',
        nav,
        current: STATUS.href,
        main: body,
        links: [
          h('link', { rel: 'alternate', type: 'application/atom+xml', title: `${title} status`, href: '../feed.atom' }),
        ],
      }),
    });
  }
  files.push({ path: 'status/status.json', content: `${JSON.stringify(model, null, 2)}\n` });
  files.push({
    path: 'status/feed.atom',
    content: statusFeed(model, pagePath, { baseUrl: options.baseUrl, title: `${title} status` }),
  });
  return files;
}
