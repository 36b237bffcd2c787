export const id = 547;
export const ids = [547];
export const modules = {

/***/ 9547:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   buildSite: () => (/* binding */ buildSite),
/* harmony export */   siteWriter: () => (/* binding */ siteWriter)
/* harmony export */ });
/* unused harmony exports collectSite, writeSite */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var hastscript__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(4137);
/* harmony import */ var _runtime_heap_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6930);
/* harmony import */ var _model_action_items_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5686);
/* harmony import */ var _metrics_stats_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(8730);
/* harmony import */ var _time_duration_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8557);
/* harmony import */ var _time_zoned_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4347);
/* harmony import */ var _chart_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2279);
/* harmony import */ var _dashboard_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7763);
/* harmony import */ var _feed_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7979);
/* harmony import */ var _html_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(3934);
/* harmony import */ var _status_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(2149);
var __webpack_async_dependencies__ = __webpack_handle_async_dependencies__([_chart_js__WEBPACK_IMPORTED_MODULE_7__]);
_chart_js__WEBPACK_IMPORTED_MODULE_7__ = (__webpack_async_dependencies__.then ? (await __webpack_async_dependencies__)() : __webpack_async_dependencies__)[0];
// `firebreak site`: the static site for GitHub Pages, built from the records. A dashboard (twelve
// months of trends, error budgets, postmortem and action-item health, load), a page per team,
// service and incident, incident lists by month, and the public status page with its JSON and Atom
// feed. Pages are plain HTML with charts as inline SVG rendered here: no script, no request beyond
// the site's own pages.














const DASHBOARD = { href: 'index.html', label: 'Dashboard' };
const INCIDENTS = { href: 'incidents/index.html', label: 'Incidents' };
const STATUS = { href: 'status/index.html', label: 'Status' };
const RECENT = 50;
const minutes = (m) => m === null || m === undefined ? '—' : (0,_time_duration_js__WEBPACK_IMPORTED_MODULE_5__/* .formatDuration */ .a)(Math.round(m) * 60_000);
const pct = (v, digits = 0) => v === null || v === undefined ? '—' : `${v.toFixed(digits)}%`;
const hours = (m) => (m === null ? null : Number((m / 60).toFixed(2)));
/** File names for record ids, unique even when two ids make the same slug. */
class Names {
    used = new Map();
    taken = new Set();
    get(id) {
        let name = this.used.get(id);
        if (name)
            return name;
        const base = (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .slug */ .yR)(id);
        name = base;
        for (let n = 2; this.taken.has(name); n++)
            name = `${base}-${n}`;
        this.used.set(id, name);
        this.taken.add(name);
        return name;
    }
}
/**
 * Builds the site and hands each file to `emit` as soon as it is made (so that tens of thousands of
 * incident pages are never all in memory). Returns the number of files.
 */
async function buildSite(repo, catalog, options, emit) {
    // Pages are short-lived garbage on top of the loaded records: let V8 size the heap for that.
    (0,_runtime_heap_js__WEBPACK_IMPORTED_MODULE_3__/* .growHeapNormally */ .A)();
    let count = 0;
    const out = async (file) => {
        count++;
        await emit(file);
    };
    const title = options.title ?? 'Reliability';
    const dashboard = (0,_dashboard_js__WEBPACK_IMPORTED_MODULE_8__/* .buildDashboard */ .p8)(repo, catalog, options.now);
    const status = (0,_status_js__WEBPACK_IMPORTED_MODULE_11__/* .buildStatus */ .Bg)(repo, catalog, dashboard.report, options.now);
    const nav = options.statusOnly ? [STATUS] : [DASHBOARD, INCIDENTS, STATUS];
    for (const file of statusPages(status, new Names(), nav, title, options))
        await out(file);
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
async function collectSite(repo, catalog, options) {
    const files = [];
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
function siteWriter(dir) {
    const made = new Set();
    const pending = new Set();
    let failure;
    const write = async (file) => {
        if (failure)
            throw failure;
        const target = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, ...file.path.split('/'));
        const folder = node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(target);
        if (!made.has(folder)) {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(folder, { recursive: true });
            made.add(folder);
        }
        const task = (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(target, file.content).catch((error) => {
            failure ??= error;
        });
        pending.add(task);
        void task.finally(() => pending.delete(task));
        if (pending.size >= WRITES_IN_FLIGHT)
            await Promise.race(pending);
    };
    const flush = async () => {
        await Promise.all(pending);
        if (failure)
            throw failure;
    };
    return { write, flush };
}
const WRITES_IN_FLIGHT = 32;
/** Writes files made by collectSite under `dir`. */
async function writeSite(dir, files) {
    const writer = siteWriter(dir);
    for (const file of files)
        await writer.write(file);
    await writer.flush();
    return files.length;
}
function redirectPage(to, title) {
    return (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .page */ .MY)({
        title,
        root: '',
        nav: [STATUS],
        main: [(0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h1', title), (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('a', { href: to }, 'Service status'))],
    });
}
class SiteContext {
    catalog;
    d;
    nav;
    title;
    options;
    teamNames = new Names();
    serviceNames = new Names();
    incidentNames = new Names();
    chartIds = 0;
    budgetCharts = new Map();
    budgetNames = new Names();
    timeZone;
    byTeam = new Map();
    byService = new Map();
    constructor(repo, catalog, d, nav, title, options) {
        this.catalog = catalog;
        this.d = d;
        this.nav = nav;
        this.title = title;
        this.options = options;
        this.timeZone = repo.config.timezone ?? 'UTC';
        for (const f of d.facts) {
            for (const t of f.teams)
                (this.byTeam.get(t) ?? this.byTeam.set(t, []).get(t)).push(f);
            for (const s of f.services)
                (this.byService.get(s) ?? this.byService.set(s, []).get(s)).push(f);
        }
    }
    teams() {
        return [...new Set([...this.catalog.teams.keys(), ...this.byTeam.keys()])].sort();
    }
    services() {
        return [...new Set([...this.catalog.services.keys(), ...this.byService.keys()])].sort();
    }
    page(pathFromRoot, title, main, current) {
        const depth = pathFromRoot.split('/').length - 1;
        return (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .page */ .MY)({
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
    chart(spec) {
        return (0,_chart_js__WEBPACK_IMPORTED_MODULE_7__/* .chartFigure */ .VR)({ ...spec, id: `chart-${++this.chartIds}` });
    }
    incidentLink(f, root) {
        return (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('a', { href: `${root}incidents/${this.incidentNames.get(f.id)}.html` }, `${f.id}: ${f.title}`);
    }
    incidentRows(list, root) {
        return list.map((f) => [
            this.incidentLink(f, root),
            f.severity,
            f.incident.data.status,
            f.incident.data.started?.slice(0, 16).replace('T', ' ') ?? '',
            minutes(f.minutes.acknowledge),
            minutes(f.minutes.resolve),
        ]);
    }
    incidentTable(list, root, caption) {
        return (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .table */ .tp)(caption, [
            'Incident',
            'Severity',
            'Status',
            'Started',
            { label: 'Acknowledge', numeric: true },
            { label: 'Resolve', numeric: true },
        ], this.incidentRows(list, root));
    }
    // --- charts shared by the dashboard and the team and service pages ----------------------------
    severityChart(months, severities, what) {
        const shown = severities.filter((s) => months.some((m) => m.bySeverity[s]));
        const values = months.flatMap((m) => shown.map((s) => ({ month: m.start, severity: s, incidents: m.bySeverity[s] ?? 0 })));
        return this.chart({
            title: `Incidents per month by severity${what}`,
            description: `Incidents that started in each of the last ${months.length} months, stacked by severity (${shown.join(', ') || 'none'}). In total ${months.reduce((a, m) => a + m.incidents, 0)}.`,
            spec: monthlyStackedBars('severity', 'Severity', shown),
            values: shown.length ? values : [],
            table: {
                columns: ['Month', ...shown.map((s) => ({ label: s, numeric: true }))],
                rows: months.map((m) => [m.month, ...shown.map((s) => String(m.bySeverity[s] ?? 0))]),
            },
        });
    }
    durationChart(months, measure, what) {
        const name = measure === 'acknowledge' ? 'Time to acknowledge' : 'Time to resolve';
        const values = months.flatMap((m) => [
            { month: m.start, statistic: 'median', hours: hours(m[measure].median) },
            { month: m.start, statistic: 'p90', hours: hours(m[measure].p90) },
        ]);
        return this.chart({
            title: `${name}${what}, median and p90`,
            description: `${name} from started, in hours, per month: the median and the 90th percentile of the incidents that started that month. A month without incidents is a gap in the lines.`,
            spec: {
                mark: { type: 'line', point: true, invalid: 'break-paths-show-domains' },
                encoding: {
                    x: {
                        field: 'month',
                        type: 'temporal',
                        timeUnit: 'yearmonth',
                        title: null,
                        axis: { format: '%b', tickCount: 'month' },
                    },
                    y: { field: 'hours', type: 'quantitative', title: 'Hours' },
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
            values: months.some((m) => m[measure].count) ? values : [],
            table: {
                columns: [
                    'Month',
                    { label: 'Incidents', numeric: true },
                    { label: 'Median', numeric: true },
                    { label: 'p90', numeric: true },
                ],
                rows: months.map((m) => [
                    m.month,
                    String(m[measure].count),
                    minutes(m[measure].median),
                    minutes(m[measure].p90),
                ]),
            },
        });
    }
    // --- the dashboard ---------------------------------------------------------------------------
    async dashboardPage() {
        const { report, months, severities } = this.d;
        const tta = report.timeToAction.reduce((a, t) => ({ met: a.met + t.met, measured: a.measured + t.measured }), {
            met: 0,
            measured: 0,
        });
        const main = [
            (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h1', this.title),
            (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', { className: ['muted'] }, `The last ${months.length} months: ${report.window.startDate} to ${report.window.endDate} (end exclusive), ${report.timeZone}.`),
            (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .cards */ .kR)([
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
            (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h2', 'Trends'),
            (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('div', { className: ['charts'] }, [
                await this.severityChart(months, severities, ''),
                await this.durationChart(months, 'acknowledge', ''),
                await this.durationChart(months, 'resolve', ''),
                await this.complianceChart(months),
                await this.factorChart(months),
                await this.loadChart(),
            ]),
            (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h2', 'Error budgets'),
            ...(await this.budgets()),
            (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h2', 'Postmortems and action items'),
            ...this.health(),
            (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h2', 'Teams'),
            (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .table */ .tp)(undefined, [
                'Team',
                { label: 'Incidents (12 months)', numeric: true },
                { label: 'Median to acknowledge', numeric: true },
                { label: 'Median to resolve', numeric: true },
            ], this.teams().map((t) => {
                const g = report.durations.byTeam.find((x) => x.key === t);
                return [
                    (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('a', { href: `teams/${this.teamNames.get(t)}.html` }, this.catalog.teams.get(t)?.spec.displayName ?? t),
                    String(g?.incidents ?? 0),
                    minutes(g?.durations.acknowledge.median),
                    minutes(g?.durations.resolve.median),
                ];
            })),
            (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h2', 'Services'),
            (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .table */ .tp)(undefined, [
                'Service',
                'Owner',
                { label: 'Incidents (12 months)', numeric: true },
                { label: 'Median to resolve', numeric: true },
            ], this.services().map((s) => {
                const g = report.durations.byService.find((x) => x.key === s);
                return [
                    (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('a', { href: `services/${this.serviceNames.get(s)}.html` }, s),
                    this.catalog.services.get(s)?.spec.owner ?? '—',
                    String(g?.incidents ?? 0),
                    minutes(g?.durations.resolve.median),
                ];
            })),
            (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h2', 'Recent incidents'),
            this.incidentTable([...this.d.facts].reverse().slice(0, 20), ''),
            (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('a', { href: INCIDENTS.href }, 'Every incident, by month')),
        ];
        return this.page('index.html', 'Dashboard', main, DASHBOARD.href);
    }
    complianceChart(months) {
        const values = months.map((m) => ({
            month: m.start,
            compliance: m.timeToAction.compliance === null ? null : Number(m.timeToAction.compliance.toFixed(1)),
        }));
        return this.chart({
            title: 'Time-to-action compliance',
            description: "Share of incidents acknowledged within their severity's time-to-action target, per month, in percent. A month without measured incidents is a gap.",
            spec: {
                mark: { type: 'line', point: true, invalid: 'break-paths-show-domains', color: COLOUR_ONE },
                encoding: {
                    x: {
                        field: 'month',
                        type: 'temporal',
                        timeUnit: 'yearmonth',
                        title: null,
                        axis: { format: '%b', tickCount: 'month' },
                    },
                    y: { field: 'compliance', type: 'quantitative', title: 'Percent', scale: { domain: [0, 100] } },
                },
            },
            values: months.some((m) => m.timeToAction.measured) ? values : [],
            table: {
                columns: [
                    'Month',
                    { label: 'Within target', numeric: true },
                    { label: 'Measured', numeric: true },
                    { label: 'Compliance', numeric: true },
                ],
                rows: months.map((m) => [
                    m.month,
                    String(m.timeToAction.met),
                    String(m.timeToAction.measured),
                    pct(m.timeToAction.compliance),
                ]),
            },
        });
    }
    factorChart(months) {
        const totals = new Map();
        for (const m of months)
            for (const [f, n] of Object.entries(m.factors))
                totals.set(f, (totals.get(f) ?? 0) + n);
        const top = [...totals]
            .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
            .slice(0, 6)
            .map(([f]) => f);
        const shown = totals.size > top.length ? [...top, 'other'] : top;
        const values = months.flatMap((m) => shown.map((f) => ({
            month: m.start,
            factor: f,
            incidents: f === 'other'
                ? Object.entries(m.factors)
                    .filter(([k]) => !top.includes(k))
                    .reduce((a, [, n]) => a + n, 0)
                : (m.factors[f] ?? 0),
        })));
        return this.chart({
            title: 'Contributing factors over time',
            description: `How often each contributing factor was named, per month: the ${top.length} most frequent over the period${shown.includes('other') ? ', and the rest as other' : ''}. An incident with several factors counts once for each.`,
            spec: monthlyStackedBars('factor', 'Factor', shown),
            values: shown.length ? values : [],
            table: {
                columns: ['Month', ...shown.map((f) => ({ label: f, numeric: true }))],
                rows: months.map((m) => [
                    m.month,
                    ...values.filter((v) => v.month === m.start).map((v) => String(v.incidents)),
                ]),
            },
        });
    }
    loadChart() {
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
                columns: [
                    'Responder',
                    { label: 'Incidents', numeric: true },
                    { label: 'Hours', numeric: true },
                    { label: 'Nights', numeric: true },
                    { label: 'Weekends', numeric: true },
                    { label: 'Load', numeric: true },
                ],
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
    async budgets(slos) {
        const budgets = this.d.report.budgets.filter((b) => !slos || slos.has(b.slo));
        if (budgets.length === 0)
            return [(0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', 'No SLOs are defined.')];
        const out = [
            (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .table */ .tp)(undefined, [
                'SLO',
                'Window',
                { label: 'Objective', numeric: true },
                { label: 'Remaining', numeric: true },
                { label: 'Burn rate', numeric: true },
                'Status',
            ], budgets.map((b) => [
                b.displayName ?? b.slo,
                b.window.label,
                `${Number((b.target * 100).toFixed(3))}%`,
                pct(b.remainingPercent),
                b.burnRate === null ? '—' : b.burnRate.toFixed(2),
                b.status?.status ?? b.note ?? '—',
            ])),
        ];
        const charts = [];
        for (const b of budgets.filter((x) => x.burnDown.length >= 2)) {
            const name = b.displayName ?? b.slo;
            // The dashboard and the service page show the same burn-down: rendered once, with an id unique on either page.
            const cached = this.budgetCharts.get(b.slo);
            if (cached) {
                charts.push(cached);
                continue;
            }
            charts.push(await (0,_chart_js__WEBPACK_IMPORTED_MODULE_7__/* .chartFigure */ .VR)({
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
                    columns: ['Day', { label: 'Percent left', numeric: true }],
                    rows: b.burnDown.map((p) => [p.date, p.remainingPercent.toFixed(1)]),
                },
            }));
            this.budgetCharts.set(b.slo, charts[charts.length - 1]);
        }
        if (charts.length)
            out.push((0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('div', { className: ['charts'] }, charts));
        return out;
    }
    health() {
        const { postmortems: pm, actionItems: ai } = this.d.report;
        return [
            (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .cards */ .kR)([
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
                ? (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .table */ .tp)('Action items by team', [
                    'Team',
                    { label: 'Open', numeric: true },
                    { label: 'Overdue', numeric: true },
                    { label: 'Done', numeric: true },
                    { label: 'Completion', numeric: true },
                ], ai.byTeam.map((t) => [t.team, String(t.open), String(t.overdue), String(t.done), pct(t.completionRate)]))
                : null,
            ai.overdueItems.length
                ? (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .table */ .tp)('Overdue action items', ['Incident', 'Item', 'Action', 'Owner', 'Due', 'Priority'], ai.overdueItems.slice(0, RECENT).map((i) => [i.incident, i.id, i.action, i.owner, i.due, i.priority]))
                : (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', 'No action item is overdue.'),
        ];
    }
    // --- teams and services ----------------------------------------------------------------------
    async groupPage(kind, name) {
        const list = (kind === 'team' ? this.byTeam : this.byService).get(name) ?? [];
        const root = '../';
        const months = this.monthsOf(list);
        const team = kind === 'team' ? this.catalog.teams.get(name) : undefined;
        const service = kind === 'service' ? this.catalog.services.get(name) : undefined;
        const shownName = team?.spec.displayName ?? name;
        const recent = [...list].reverse();
        const stat = (m) => (0,_metrics_stats_js__WEBPACK_IMPORTED_MODULE_13__/* .statsOf */ .LZ)(recent
            .filter((f) => f.started >= this.windowStart())
            .map((f) => f.minutes[m])
            .filter((v) => v !== undefined));
        const facts = [];
        if (team)
            facts.push(['Members', (team.spec.members ?? []).map((m) => m.handle).join(', ') || '—']);
        if (team)
            facts.push([
                'Services',
                this.services()
                    .filter((s) => this.catalog.services.get(s)?.spec.owner === name)
                    .flatMap((s, i) => [i ? ', ' : '', (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('a', { href: `${root}services/${this.serviceNames.get(s)}.html` }, s)]),
            ]);
        if (service)
            facts.push([
                'Owner',
                service.spec.owner
                    ? (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('a', { href: `${root}teams/${this.teamNames.get(service.spec.owner)}.html` }, service.spec.owner)
                    : '—',
            ]);
        if (service?.spec.description)
            facts.push(['What it does', service.spec.description]);
        if (service?.spec.tier !== undefined)
            facts.push(['Tier', String(service.spec.tier)]);
        const ack = stat('acknowledge');
        const res = stat('resolve');
        const main = [
            (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h1', `${kind === 'team' ? 'Team' : 'Service'}: ${shownName}`),
            facts.length ? (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .definitions */ .BG)(facts) : null,
            (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .cards */ .kR)([
                ['incidents in 12 months', String(months.reduce((a, m) => a + m.incidents, 0)), `${list.length} in all`],
                ['median time to acknowledge', minutes(ack.median), `p90 ${minutes(ack.p90)}`],
                ['median time to resolve', minutes(res.median), `p90 ${minutes(res.p90)}`],
            ]),
            (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('div', { className: ['charts'] }, [
                await this.severityChart(months, this.d.severities, `, ${shownName}`),
                await this.durationChart(months, 'resolve', `, ${shownName}`),
            ]),
        ];
        if (service?.spec.slos?.length)
            main.push((0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h2', 'Error budgets'), ...(await this.budgets(new Set(service.spec.slos))));
        main.push((0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h2', 'Incidents'), list.length
            ? this.incidentTable(recent.slice(0, RECENT), root, list.length > RECENT ? `The ${RECENT} most recent of ${list.length}.` : undefined)
            : (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', 'No incidents.'));
        return this.page(`${kind}s/x.html`, shownName, main);
    }
    windowStart() {
        return Date.parse(this.d.report.window.start);
    }
    monthsOf(list) {
        const start = this.windowStart();
        const inside = list.filter((f) => f.started >= start);
        const byMonth = new Map();
        for (const f of inside) {
            const month = monthOf(f, this.timeZone);
            (byMonth.get(month) ?? byMonth.set(month, []).get(month)).push(f);
        }
        return this.d.months.map((m) => {
            const facts = byMonth.get(m.month) ?? [];
            const bySeverity = {};
            for (const f of facts)
                bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
            const resolve = (0,_metrics_stats_js__WEBPACK_IMPORTED_MODULE_13__/* .statsOf */ .LZ)(facts.map((f) => f.minutes.resolve).filter((v) => v !== undefined));
            return {
                ...m,
                incidents: facts.length,
                bySeverity,
                resolve,
                acknowledge: (0,_metrics_stats_js__WEBPACK_IMPORTED_MODULE_13__/* .statsOf */ .LZ)(facts.map((f) => f.minutes.acknowledge).filter((v) => v !== undefined)),
                factors: {},
            };
        });
    }
    // --- incidents -------------------------------------------------------------------------------
    async incidentPages(emit) {
        const byMonth = new Map();
        for (const f of this.d.facts) {
            const month = monthOf(f, this.timeZone);
            (byMonth.get(month) ?? byMonth.set(month, []).get(month)).push(f);
            await emit({ path: `incidents/${this.incidentNames.get(f.id)}.html`, content: this.incidentPage(f) });
        }
        const months = [...byMonth.keys()].sort().reverse();
        for (const month of months) {
            const list = [...byMonth.get(month)].reverse();
            await emit({
                path: `incidents/months/${month}.html`,
                content: this.page('incidents/months/x.html', `Incidents ${month}`, [(0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h1', `Incidents that started in ${month}`), this.incidentTable(list, '../../')], INCIDENTS.href),
            });
        }
        const main = [
            (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h1', 'Incidents'),
            months.length
                ? (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .table */ .tp)(undefined, ['Month', { label: 'Incidents', numeric: true }, { label: 'Open', numeric: true }], months.map((m) => [
                    (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('a', { href: `months/${m}.html` }, m),
                    String(byMonth.get(m).length),
                    String(byMonth.get(m).filter((f) => f.open).length),
                ]))
                : (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', 'No incidents yet.'),
        ];
        await emit({
            path: 'incidents/index.html',
            content: this.page('incidents/index.html', 'Incidents', main, INCIDENTS.href),
        });
    }
    targets = new Map();
    target(severity) {
        if (!this.targets.has(severity))
            this.targets.set(severity, (0,_time_duration_js__WEBPACK_IMPORTED_MODULE_5__/* .parseDuration */ .E)(this.catalog.severities.get(severity)?.timeToAction ?? ''));
        return this.targets.get(severity);
    }
    incidentPage(f) {
        const root = '../';
        const data = f.incident.data;
        const target = this.target(f.severity);
        const items = (0,_model_action_items_js__WEBPACK_IMPORTED_MODULE_4__/* .readActionItems */ .NY)(f.incident)?.items ?? [];
        const roles = Object.entries(data.roles ?? {}).map(([role, who]) => `${role}: ${Array.isArray(who) ? who.join(', ') : who}`);
        const main = [
            (0,_html_js__WEBPACK_IMPORTED_MODULE_10__.el)('h1', null, [`${f.id}: ${f.title}`]),
            (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .definitions */ .BG)([
                ['Severity', f.severity],
                ['Status', data.status],
                ['Postmortem', data.postmortem ?? 'draft'],
                [
                    'Services',
                    f.services.flatMap((s, i) => [
                        i ? ', ' : '',
                        (0,_html_js__WEBPACK_IMPORTED_MODULE_10__.el)('a', { href: `${root}services/${this.serviceNames.get(s)}.html` }, [s]),
                    ]),
                ],
                [
                    'Teams',
                    f.teams.length
                        ? f.teams.flatMap((t, i) => [
                            i ? ', ' : '',
                            (0,_html_js__WEBPACK_IMPORTED_MODULE_10__.el)('a', { href: `${root}teams/${this.teamNames.get(t)}.html` }, [t]),
                        ])
                        : '—',
                ],
                ['Commander', data.commander],
                ['Roles', roles.join('; ') || '—'],
                ['Contributing factors', (data.contributing_factors ?? []).join(', ') || '—'],
                ...(this.options.sourceUrl
                    ? [
                        [
                            'Postmortem',
                            (0,_html_js__WEBPACK_IMPORTED_MODULE_10__.el)('a', { href: this.options.sourceUrl + f.incident.file.split('/').map(encodeURIComponent).join('/') }, [f.incident.file]),
                        ],
                    ]
                    : []),
            ]),
            data.impact ? [(0,_html_js__WEBPACK_IMPORTED_MODULE_10__.el)('h2', null, ['Impact']), (0,_html_js__WEBPACK_IMPORTED_MODULE_10__.el)('p', null, [data.impact])] : null,
            (0,_html_js__WEBPACK_IMPORTED_MODULE_10__.el)('h2', null, ['Timeline']),
            (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .table */ .tp)(undefined, ['Timestamp', 'At (as written)', { label: 'From started', numeric: true }, 'Target'], ['started', 'detected', 'acknowledged', 'mitigated', 'resolved'].map((k) => {
                const measure = { detected: 'detect', acknowledged: 'acknowledge', mitigated: 'mitigate', resolved: 'resolve' }[k];
                const took = measure ? f.minutes[measure] : undefined;
                const verdict = k === 'acknowledged' && target !== undefined && took !== undefined
                    ? `${minutes(target / 60_000)}: ${took <= target / 60_000 ? 'met' : 'missed'}`
                    : '';
                return [k, data[k] ?? '—', measure ? minutes(took) : '', verdict];
            })),
        ];
        if (data.slos?.length)
            main.push((0,_html_js__WEBPACK_IMPORTED_MODULE_10__.el)('h2', null, ['SLOs']), (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .table */ .tp)(undefined, [
                'SLO',
                { label: 'Bad minutes', numeric: true },
                { label: 'Bad events', numeric: true },
                { label: 'Total events', numeric: true },
            ], data.slos.map((s) => [
                s.slo,
                s.bad_minutes === undefined ? '—' : String(s.bad_minutes),
                s.bad_events === undefined ? '—' : String(s.bad_events),
                s.total_events === undefined ? '—' : String(s.total_events),
            ])));
        main.push((0,_html_js__WEBPACK_IMPORTED_MODULE_10__.el)('h2', null, ['Action items']), items.length
            ? (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .table */ .tp)(undefined, ['ID', 'Action', 'Owner', 'Due', 'Priority', 'Status'], items.map((i) => [i.id, i.action, i.owner, i.due, i.priority, i.status]))
            : (0,_html_js__WEBPACK_IMPORTED_MODULE_10__.el)('p', null, ['None recorded.']));
        return this.page('incidents/x.html', f.id, main, INCIDENTS.href);
    }
}
const COLOUR_ONE = '#0969da';
const CHART_HEIGHT_ROWS = 160;
/** Bars of incidents per month, stacked by `field` (the series in `shown`, in that order). */
function monthlyStackedBars(field, title, shown) {
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
const months = new WeakMap();
/** YYYY-MM of the month the incident started in, in the Config time zone (computed once per incident). */
function monthOf(f, timeZone) {
    let month = months.get(f);
    if (month === undefined) {
        const p = (0,_time_zoned_js__WEBPACK_IMPORTED_MODULE_6__/* .localParts */ .IY)(f.started, timeZone);
        month = `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}`;
        months.set(f, month);
    }
    return month;
}
// --- the status page ---------------------------------------------------------------------------
function statusPages(model, names, nav, title, options) {
    const files = [];
    const pagePath = (i) => `status/incidents/${names.get(i.id)}.html`;
    const when = (t) => t.slice(0, 16).replace('T', ' ') + (t.length > 19 ? ` ${t.slice(19).replace(/^\.\d+/, '')}` : '');
    const feedLink = (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('link', {
        rel: 'alternate',
        type: 'application/atom+xml',
        title: `${title} status`,
        href: 'feed.atom',
    });
    const banner = model.current.length
        ? (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', { className: ['status', 'down'], role: 'status' }, `${model.current.length} incident${model.current.length === 1 ? '' : 's'} in progress`)
        : (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', { className: ['status', 'ok'], role: 'status' }, 'All systems operational');
    const summary = (i, root) => [
        (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h3', (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('a', { href: `${root}incidents/${names.get(i.id)}.html` }, i.title)),
        (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', { className: ['muted'] }, `${i.impact === 'major' ? 'Major' : 'Minor'} impact · ${i.status} · started ${when(i.started)}${i.resolved ? ` · resolved ${when(i.resolved)}` : ''}${i.services.length ? ` · ${i.services.join(', ')}` : ''}`),
        i.updates[0] ? (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', i.updates[0].message) : i.summary ? (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', i.summary) : null,
    ];
    const main = [
        (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h1', `${title}: service status`),
        banner,
        (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h2', 'Services'),
        model.services.length
            ? (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .table */ .tp)(undefined, ['Service', 'Status', 'Availability (objective)'], model.services.map((s) => [
                s.name,
                s.status === 'operational' ? 'Operational' : 'Disrupted',
                s.availability
                    .map((a) => `${a.measured === null ? '—' : `${a.measured.toFixed(3)}%`} over ${a.window} (${Number(a.objective.toFixed(3))}%)`)
                    .join('; ') || '—',
            ]))
            : (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', 'No services are listed.'),
        (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h2', 'Current incidents'),
        model.current.length ? model.current.map((i) => summary(i, '')) : (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', 'None.'),
        (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h2', 'Past incidents'),
        model.past.length ? model.past.slice(0, RECENT).map((i) => summary(i, '')) : (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', 'None.'),
        (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', [
            'Also as ',
            (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('a', { href: 'status.json' }, 'JSON'),
            ' and an ',
            (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('a', { href: 'feed.atom' }, 'Atom feed'),
            '.',
        ]),
    ];
    files.push({
        path: 'status/index.html',
        content: (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .page */ .MY)({ title: `Status · ${title}`, root: '../', nav, current: STATUS.href, main, links: [feedLink] }),
    });
    for (const i of [...model.current, ...model.past]) {
        const body = [
            (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h1', i.title),
            (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', { className: ['muted'] }, `${i.impact === 'major' ? 'Major' : 'Minor'} impact · ${i.status}${i.services.length ? ` · ${i.services.join(', ')}` : ''}`),
            (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .definitions */ .BG)([
                ['Started', when(i.started)],
                ['Resolved', i.resolved ? when(i.resolved) : 'not yet'],
            ]),
            i.summary ? (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', i.summary) : null,
            (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h2', 'Updates'),
            i.updates.length
                ? (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('ol', { className: ['updates'] }, i.updates.map((u) => (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('li', [
                    (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', { className: ['muted'] }, `${when(u.at)}${u.status ? ` · ${u.status}` : ''}`),
                    (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', u.message),
                ])))
                : (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', 'No updates.'),
        ];
        if (i.postmortem) {
            body.push((0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h2', 'Postmortem'));
            for (const s of i.postmortem.sections) {
                body.push((0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('h3', s.heading));
                const items = s.blocks.filter((b) => b.kind === 'item');
                for (const b of s.blocks)
                    if (b.kind === 'paragraph')
                        body.push((0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', b.text));
                if (items.length)
                    body.push((0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('ul', items.map((b) => (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('li', b.text))));
            }
            body.push((0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('p', `Follow-up actions: ${i.postmortem.actions.done} of ${i.postmortem.actions.total} done.`));
        }
        files.push({
            path: pagePath(i),
            content: (0,_html_js__WEBPACK_IMPORTED_MODULE_10__/* .page */ .MY)({
                title: `${i.title} · ${title} status`,
                root: '../../',
                nav,
                current: STATUS.href,
                main: body,
                links: [
                    (0,hastscript__WEBPACK_IMPORTED_MODULE_12__.h)('link', { rel: 'alternate', type: 'application/atom+xml', title: `${title} status`, href: '../feed.atom' }),
                ],
            }),
        });
    }
    files.push({ path: 'status/status.json', content: `${JSON.stringify(model, null, 2)}\n` });
    files.push({
        path: 'status/feed.atom',
        content: (0,_feed_js__WEBPACK_IMPORTED_MODULE_9__/* .statusFeed */ .r)(model, pagePath, { baseUrl: options.baseUrl, title: `${title} status` }),
    });
    return files;
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } });

/***/ }),

/***/ 2279:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VR: () => (/* binding */ chartFigure)
/* harmony export */ });
/* unused harmony exports CHART_WIDTH, CHART_HEIGHT, COLOURS, chartsRendered */
/* harmony import */ var hast_util_from_html__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8624);
/* harmony import */ var hastscript__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4137);
/* harmony import */ var vega__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3972);
/* harmony import */ var vega_lite__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(994);
/* harmony import */ var _charts_mermaid_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2194);
/* harmony import */ var _html_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3934);
var __webpack_async_dependencies__ = __webpack_handle_async_dependencies__([vega__WEBPACK_IMPORTED_MODULE_0__, vega_lite__WEBPACK_IMPORTED_MODULE_1__]);
([vega__WEBPACK_IMPORTED_MODULE_0__, vega_lite__WEBPACK_IMPORTED_MODULE_1__] = __webpack_async_dependencies__.then ? (await __webpack_async_dependencies__)() : __webpack_async_dependencies__);






/** Plot width and height in px: with axes and a legend below, a chart is about 370 px wide, so it reads at full size on a phone. */
const CHART_WIDTH = 300;
const CHART_HEIGHT = 160;
const COLOURS = _charts_mermaid_js__WEBPACK_IMPORTED_MODULE_2__/* .SERIES_COLOURS */ .S$.map((c) => c.hex);
const CONFIG = {
    background: _charts_mermaid_js__WEBPACK_IMPORTED_MODULE_2__/* .CHART_BACKGROUND */ .qK,
    font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    view: { stroke: null },
    axis: {
        labelColor: _charts_mermaid_js__WEBPACK_IMPORTED_MODULE_2__/* .CHART_TEXT */ .Np,
        titleColor: _charts_mermaid_js__WEBPACK_IMPORTED_MODULE_2__/* .CHART_TEXT */ .Np,
        domainColor: '#59636e',
        tickColor: '#59636e',
        gridColor: '#d1d9e0',
        labelFontSize: 11,
        titleFontSize: 11,
        labelOverlap: 'greedy',
        labelSeparation: 4,
        labelAngle: 0,
    },
    legend: {
        orient: 'bottom',
        direction: 'horizontal',
        columns: 3,
        labelColor: _charts_mermaid_js__WEBPACK_IMPORTED_MODULE_2__/* .CHART_TEXT */ .Np,
        titleColor: _charts_mermaid_js__WEBPACK_IMPORTED_MODULE_2__/* .CHART_TEXT */ .Np,
        labelFontSize: 11,
        titleFontSize: 11,
        labelLimit: 140,
        symbolType: 'square',
    },
    range: { category: COLOURS },
    line: { strokeWidth: 2, point: { size: 30, filled: true } },
    mark: { invalid: 'break-paths-show-domains' },
};
let renders = 0;
/** The figure for one chart; an empty-data chart gets a sentence instead of axes over nothing. */
async function chartFigure(chart) {
    const caption = (0,hastscript__WEBPACK_IMPORTED_MODULE_4__.h)('figcaption', [(0,hastscript__WEBPACK_IMPORTED_MODULE_4__.h)('strong', chart.title), chart.description]);
    if (chart.values.length === 0)
        return (0,hastscript__WEBPACK_IMPORTED_MODULE_4__.h)('figure', { id: chart.id }, [caption, (0,hastscript__WEBPACK_IMPORTED_MODULE_4__.h)('p', { className: ['muted'] }, 'No data in this period.')]);
    const spec = {
        ...chart.spec,
        width: CHART_WIDTH,
        height: chart.height ?? CHART_HEIGHT,
        data: { values: chart.values },
        config: CONFIG,
    };
    const view = new vega__WEBPACK_IMPORTED_MODULE_0__/* .View */ .Ss2(vega__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qgA((0,vega_lite__WEBPACK_IMPORTED_MODULE_1__/* .compile */ .wE)(spec).spec), { renderer: 'none' });
    const svg = await view.toSVG();
    view.finalize();
    renders++;
    const fragment = (0,hast_util_from_html__WEBPACK_IMPORTED_MODULE_5__/* .fromHtml */ .c)(svg, { fragment: true });
    const root = fragment.children.find((c) => c.type === 'element' && c.tagName === 'svg');
    if (!root)
        throw new Error(`Vega produced no SVG for the chart "${chart.title}".`);
    const titleId = `${chart.id}-title`;
    const descId = `${chart.id}-desc`;
    // Vega's scenegraph roles are for interactive views; a static picture is one image with a name.
    // Labels Vega hid so that they do not overlap (opacity 0) are dropped: nobody can see them.
    stripAria(root);
    dropHidden(root);
    root.properties = { ...root.properties, role: 'img', ariaLabelledBy: [titleId, descId], className: ['chart'] };
    root.children.unshift((0,hastscript__WEBPACK_IMPORTED_MODULE_4__.h)('title', { id: titleId }, chart.title), (0,hastscript__WEBPACK_IMPORTED_MODULE_4__.h)('desc', { id: descId }, chart.description));
    return (0,hastscript__WEBPACK_IMPORTED_MODULE_4__.h)('figure', { id: chart.id }, [
        root,
        caption,
        (0,hastscript__WEBPACK_IMPORTED_MODULE_4__.h)('details', [(0,hastscript__WEBPACK_IMPORTED_MODULE_4__.h)('summary', 'Data'), (0,_html_js__WEBPACK_IMPORTED_MODULE_3__/* .table */ .tp)(undefined, chart.table.columns, chart.table.rows)]),
    ]);
}
/** How many charts were rendered (for the build's summary). */
function chartsRendered() {
    return renders;
}
function dropHidden(node) {
    node.children = node.children.filter((c) => !(c.type === 'element' && c.tagName === 'text' && String(c.properties?.opacity) === '0'));
    for (const child of node.children)
        if (child.type === 'element')
            dropHidden(child);
}
function stripAria(node) {
    const props = node.properties ?? {};
    for (const key of Object.keys(props))
        if (key === 'role' || key.startsWith('aria'))
            delete props[key];
    for (const child of node.children)
        if (child.type === 'element')
            stripAria(child);
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } });

/***/ }),

/***/ 7763:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p8: () => (/* binding */ buildDashboard)
/* harmony export */ });
/* unused harmony exports TREND_MONTHS, trendWindow, monthFigures, daysAgo */
/* harmony import */ var _metrics_facts_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(862);
/* harmony import */ var _metrics_report_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5870);
/* harmony import */ var _metrics_stats_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8730);
/* harmony import */ var _time_dates_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(368);
/* harmony import */ var _time_duration_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8557);
/* harmony import */ var _time_zoned_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4347);






const TREND_MONTHS = 12;
/** The last TREND_MONTHS local calendar months, the current one included. */
function trendWindow(now, timeZone) {
    const current = (0,_time_zoned_js__WEBPACK_IMPORTED_MODULE_4__/* .periodContaining */ .Su)(now, 'month', timeZone);
    let first = current;
    for (let i = 1; i < TREND_MONTHS; i++)
        first = (0,_time_zoned_js__WEBPACK_IMPORTED_MODULE_4__/* .periodContaining */ .Su)(first.start - 1, 'month', timeZone);
    const months = (0,_time_zoned_js__WEBPACK_IMPORTED_MODULE_4__/* .periodsBetween */ .n4)(first.start, current.end, 'month', timeZone);
    return { since: first.startDate, until: current.endDate, months };
}
function monthFigures(catalog, facts, months, severities) {
    const targets = new Map(catalog.severityOrder.map((s) => [s, (0,_time_duration_js__WEBPACK_IMPORTED_MODULE_3__/* .parseDuration */ .E)(catalog.severities.get(s)?.timeToAction ?? '')]));
    let i = 0;
    return months.map((m) => {
        while (i < facts.length && facts[i].started < m.start)
            i++;
        const list = [];
        for (let j = i; j < facts.length && facts[j].started < m.end; j++)
            list.push(facts[j]);
        const bySeverity = Object.fromEntries(severities.map((s) => [s, 0]));
        const factors = {};
        let met = 0;
        let measured = 0;
        for (const f of list) {
            bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
            for (const factor of f.incident.data.contributing_factors ?? [])
                factors[factor] = (factors[factor] ?? 0) + 1;
            const target = targets.get(f.severity);
            if (target !== undefined && f.minutes.acknowledge !== undefined) {
                measured++;
                if (f.minutes.acknowledge <= target / 60_000)
                    met++;
            }
        }
        const values = (key) => list.map((f) => f.minutes[key]).filter((v) => v !== undefined);
        return {
            month: m.label,
            start: m.startDate,
            incidents: list.length,
            bySeverity,
            acknowledge: (0,_metrics_stats_js__WEBPACK_IMPORTED_MODULE_5__/* .statsOf */ .LZ)(values('acknowledge')),
            resolve: (0,_metrics_stats_js__WEBPACK_IMPORTED_MODULE_5__/* .statsOf */ .LZ)(values('resolve')),
            timeToAction: { met, measured, compliance: (0,_metrics_stats_js__WEBPACK_IMPORTED_MODULE_5__/* .share */ .uM)(met, measured) },
            factors,
        };
    });
}
function buildDashboard(repo, catalog, now) {
    const timeZone = repo.config.timezone ?? 'UTC';
    const window = trendWindow(now, timeZone);
    const report = (0,_metrics_report_js__WEBPACK_IMPORTED_MODULE_1__/* .buildReport */ .FK)(repo, catalog, { now, since: window.since, until: window.until });
    const facts = (0,_metrics_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .incidentFacts */ .S)(catalog);
    const severities = [
        ...catalog.severityOrder,
        ...new Set(facts.map((f) => f.severity).filter((s) => !catalog.severities.has(s))),
    ];
    return { report, facts, months: monthFigures(catalog, facts, window.months, severities), severities };
}
/** The local date `days` before today, for "recent" lists. */
function daysAgo(now, timeZone, days) {
    return addLocalDays(todayIn(now, timeZone), -days);
}


/***/ }),

/***/ 7979:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ statusFeed)
/* harmony export */ });
/* harmony import */ var xast_util_to_xml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5497);
/* harmony import */ var xastscript__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4956);
/* harmony import */ var _time_dates_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(368);
// The status page as an Atom feed (RFC 4287), built as an xast tree and serialised by
// xast-util-to-xml, which escapes every text: one entry per public incident, updated by its latest
// public update.



const iso = (timestamp) => new Date((0,_time_dates_js__WEBPACK_IMPORTED_MODULE_0__/* .parseTimestamp */ .EH)(timestamp) ?? 0).toISOString();
function latest(i) {
    const times = [i.started, i.resolved, ...i.updates.map((u) => u.at)]
        .filter((t) => typeof t === 'string')
        .map((t) => (0,_time_dates_js__WEBPACK_IMPORTED_MODULE_0__/* .parseTimestamp */ .EH)(t) ?? 0);
    return new Date(Math.max(...times)).toISOString();
}
function statusFeed(model, pagePath, options) {
    const incidents = [...model.current, ...model.past].slice(0, 50);
    const base = options.baseUrl;
    const tree = (0,xastscript__WEBPACK_IMPORTED_MODULE_1__.x)('feed', { xmlns: 'http://www.w3.org/2005/Atom' }, [
        (0,xastscript__WEBPACK_IMPORTED_MODULE_1__.x)('title', options.title),
        (0,xastscript__WEBPACK_IMPORTED_MODULE_1__.x)('id', base ? `${base}status/feed.atom` : 'urn:firebreak:status'),
        (0,xastscript__WEBPACK_IMPORTED_MODULE_1__.x)('updated', incidents.length ? incidents.map(latest).sort().at(-1) : model.generatedAt),
        base ? (0,xastscript__WEBPACK_IMPORTED_MODULE_1__.x)('link', { rel: 'self', href: `${base}status/feed.atom` }) : undefined,
        base ? (0,xastscript__WEBPACK_IMPORTED_MODULE_1__.x)('link', { rel: 'alternate', href: `${base}status/` }) : undefined,
        (0,xastscript__WEBPACK_IMPORTED_MODULE_1__.x)('author', [(0,xastscript__WEBPACK_IMPORTED_MODULE_1__.x)('name', options.title)]),
        ...incidents.map((i) => (0,xastscript__WEBPACK_IMPORTED_MODULE_1__.x)('entry', [
            (0,xastscript__WEBPACK_IMPORTED_MODULE_1__.x)('title', `${i.status === 'resolved' ? 'Resolved' : 'Ongoing'}: ${i.title}`),
            (0,xastscript__WEBPACK_IMPORTED_MODULE_1__.x)('id', base ? `${base}${pagePath(i)}` : `urn:firebreak:status:${encodeURIComponent(i.id)}`),
            (0,xastscript__WEBPACK_IMPORTED_MODULE_1__.x)('published', iso(i.started)),
            (0,xastscript__WEBPACK_IMPORTED_MODULE_1__.x)('updated', latest(i)),
            base ? (0,xastscript__WEBPACK_IMPORTED_MODULE_1__.x)('link', { rel: 'alternate', href: `${base}${pagePath(i)}` }) : undefined,
            (0,xastscript__WEBPACK_IMPORTED_MODULE_1__.x)('summary', { type: 'text' }, [i.updates[0]?.message ?? i.summary ?? i.title]),
        ])),
    ]);
    return `<?xml version="1.0" encoding="utf-8"?>\n${(0,xast_util_to_xml__WEBPACK_IMPORTED_MODULE_2__/* .toXml */ .T)(tree)}\n`;
}


/***/ }),

/***/ 3934:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BG: () => (/* binding */ definitions),
/* harmony export */   MY: () => (/* binding */ page),
/* harmony export */   el: () => (/* binding */ el),
/* harmony export */   kR: () => (/* binding */ cards),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   yR: () => (/* binding */ slug)
/* harmony export */ });
/* unused harmony exports CSP, flat */
/* harmony import */ var hast_util_to_html__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8619);
/* harmony import */ var hastscript__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4137);


const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'";
const CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --link: #0550ae; --bg: #ffffff; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--link); }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 16px; }
header { border-bottom: 1px solid var(--line); }
header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 0; padding: 12px 0; }
header nav a[aria-current] { font-weight: 700; text-decoration: none; color: var(--fg); }
h1 { font-size: 1.6rem; line-height: 1.25; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.05rem; }
p, li, dd { overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; padding: 0; list-style: none; }
.cards li { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; background: var(--soft); }
.cards strong { display: block; font-size: 1.4rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 400px), 1fr)); gap: 16px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; min-width: 0; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 0.9rem; }
figcaption strong { display: block; font-size: 1rem; }
.table { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: 0.9rem; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
details { margin-top: 4px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
dt { font-weight: 600; }
dd { margin: 0; }
.status { border-radius: 6px; padding: 12px 16px; font-weight: 600; border: 1px solid var(--line); }
.status.ok { background: #dafbe1; }
.status.down { background: #ffebe9; }
ol.updates { list-style: none; padding: 0; }
ol.updates li { border-left: 3px solid var(--line); padding: 0 0 8px 12px; }
footer { border-top: 1px solid var(--line); margin-top: 3rem; padding-top: 8px; padding-bottom: 24px; font-size: 0.85rem; color: var(--muted); }
`;
const TITLE_SLOT = 'firebreak-slot-title-7f3a';
const MAIN_SLOT = 'firebreak-slot-main-7f3a';
const shells = new Map();
/**
 * One page as HTML. The page around the title and the main content (head, styles, navigation,
 * footer) is the same for every page at one depth, so it is serialised once and kept; the title and
 * the main content are serialised for each page, by the same serialiser, so they are escaped alike.
 */
function page(options) {
    const key = JSON.stringify([options.root, options.current, options.nav, options.footer ?? [], options.links ?? []]);
    let shell = shells.get(key);
    if (!shell) {
        const html = (0,hast_util_to_html__WEBPACK_IMPORTED_MODULE_0__/* .toHtml */ .V)(tree({ ...options, title: TITLE_SLOT, main: [MAIN_SLOT] }));
        const [before, rest] = html.split(TITLE_SLOT);
        const [middle, after] = rest.split(MAIN_SLOT);
        shell = [before, middle, after];
        if (shells.size > 100)
            shells.clear();
        shells.set(key, shell);
    }
    return (shell[0] +
        (0,hast_util_to_html__WEBPACK_IMPORTED_MODULE_0__/* .toHtml */ .V)({ type: 'text', value: options.title }) +
        shell[1] +
        (0,hast_util_to_html__WEBPACK_IMPORTED_MODULE_0__/* .toHtml */ .V)({ type: 'root', children: flat(options.main) }) +
        shell[2]);
}
function tree(options) {
    return {
        type: 'root',
        children: [
            { type: 'doctype' },
            (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('html', { lang: 'en' }, [
                (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('head', [
                    (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('meta', { charset: 'utf-8' }),
                    (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('meta', { httpEquiv: 'Content-Security-Policy', content: CSP }),
                    (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
                    (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('meta', { name: 'referrer', content: 'no-referrer' }),
                    (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('title', options.title),
                    ...(options.links ?? []),
                    (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('style', CSS),
                ]),
                (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('body', [
                    (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('header', (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('nav', { ariaLabel: 'Site' }, (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('ul', options.nav.map((n) => (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('li', (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('a', { href: options.root + n.href, ariaCurrent: n.href === options.current ? 'page' : undefined }, n.label)))))),
                    (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('main', { id: 'main' }, flat(options.main)),
                    (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('footer', flat(options.footer ?? [])),
                ]),
            ]),
        ],
    };
}
function flat(children) {
    const out = [];
    const visit = (c) => {
        if (c === null || c === undefined || c === false)
            return;
        if (Array.isArray(c))
            c.forEach(visit);
        else if (typeof c === 'string' || typeof c === 'number')
            out.push({ type: 'text', value: String(c) });
        else
            out.push(c);
    };
    children.forEach(visit);
    return out;
}
/**
 * A hast element made directly, for the pages made tens of thousands of times (hastscript's `h`
 * parses every property name; these use hast's own names: className as a list, href ...). Children
 * are hast nodes or text, which the serialiser escapes like any other.
 */
function el(tagName, properties, children = []) {
    return { type: 'element', tagName, properties: properties ?? {}, children: flat(children) };
}
/** A table in a wrapper that scrolls sideways on its own, so the page never does. */
function table(caption, columns, rows) {
    const cols = columns.map((c) => (typeof c === 'string' ? { label: c } : c));
    const num = { className: ['num'] };
    return el('div', { className: ['table'] }, [
        el('table', null, [
            caption ? el('caption', { className: ['muted'] }, [caption]) : null,
            el('thead', null, [
                el('tr', null, cols.map((c) => el('th', c.numeric ? { scope: 'col', className: ['num'] } : { scope: 'col' }, [c.label]))),
            ]),
            el('tbody', null, rows.map((r) => el('tr', null, r.map((cell, i) => el('td', cols[i]?.numeric ? num : null, [cell]))))),
        ]),
    ]);
}
function cards(items) {
    return (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('ul', { className: ['cards'] }, items.map(([label, value, note]) => (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('li', [(0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('strong', value), label, note ? (0,hastscript__WEBPACK_IMPORTED_MODULE_1__.h)('div', { className: ['muted'] }, note) : null])));
}
function definitions(items) {
    return el('dl', null, items.flatMap(([term, value]) => [el('dt', null, [term]), el('dd', null, [value])]));
}
/** A file name for a record id: lower case letters, digits and '-', never empty, never a path. */
function slug(id) {
    return (id
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 80) || 'record');
}


/***/ }),

/***/ 2149:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bg: () => (/* binding */ buildStatus)
/* harmony export */ });
/* unused harmony exports STATUS_VERSION, plain */
/* harmony import */ var _load_front_matter_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8917);
/* harmony import */ var _load_read_file_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1949);
/* harmony import */ var _markdown_scan_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4600);
/* harmony import */ var _model_action_items_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5686);
/* harmony import */ var _rules_public_text_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4404);
/* harmony import */ var _time_dates_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(368);
// The public status page's model: only what records mark public. An incident is on it only with a
// `public:` field, and shows only that field's title, summary and updates, the severity's rank as
// an impact level, the public names of its services, its timestamps, and, with
// `public.postmortem: true` once the postmortem is published, the Summary and Customer Impact
// sections and how many follow-up actions are done. A service is on it only with a `publicName`,
// and shows the availability its SLOs' budgets give. Nothing else of a record is read here.






const STATUS_VERSION = 1;
const CLOSED = new Set(['done', "won't do", 'wont-do', 'wontdo', 'cancelled', 'canceled']);
function buildStatus(repo, catalog, report, now) {
    const major = new Set(catalog.severityOrder.slice(0, 2));
    const publicName = (service) => catalog.services.get(service)?.spec.publicName;
    const incidents = [];
    for (const incident of catalog.incidents.values()) {
        const pub = incident.data.public;
        if (!incident.valid || !pub)
            continue;
        const published = pub.postmortem === true && incident.data.postmortem === 'published';
        incidents.push({
            id: incident.data.id,
            title: pub.title,
            ...(pub.summary ? { summary: pub.summary } : {}),
            status: incident.data.status,
            impact: major.has(incident.data.severity) ? 'major' : 'minor',
            services: incident.data.services.map(publicName).filter((n) => typeof n === 'string'),
            started: incident.data.started,
            ...(incident.data.status === 'resolved' && incident.data.resolved ? { resolved: incident.data.resolved } : {}),
            updates: [...(pub.updates ?? [])]
                .sort((a, b) => ((0,_time_dates_js__WEBPACK_IMPORTED_MODULE_5__/* .parseTimestamp */ .EH)(b.at) ?? 0) - ((0,_time_dates_js__WEBPACK_IMPORTED_MODULE_5__/* .parseTimestamp */ .EH)(a.at) ?? 0))
                .map((u) => ({ at: u.at, ...(u.status ? { status: u.status } : {}), message: u.message })),
            ...(published
                ? { postmortem: { sections: publicSections(repo, incident), actions: actionProgress(incident) } }
                : {}),
        });
    }
    const byStart = (a, b) => ((0,_time_dates_js__WEBPACK_IMPORTED_MODULE_5__/* .parseTimestamp */ .EH)(b.started) ?? 0) - ((0,_time_dates_js__WEBPACK_IMPORTED_MODULE_5__/* .parseTimestamp */ .EH)(a.started) ?? 0) || a.id.localeCompare(b.id);
    const current = incidents.filter((i) => i.status !== 'resolved').sort(byStart);
    const past = incidents.filter((i) => i.status === 'resolved').sort(byStart);
    const disrupted = new Set(current.flatMap((i) => i.services));
    const services = [];
    for (const [name, service] of [...catalog.services].sort(([a], [b]) => a.localeCompare(b))) {
        const shown = service.spec.publicName;
        if (!shown)
            continue;
        const availability = report.budgets
            .filter((b) => b.service === name)
            .map((b) => {
            // The budget is (1 − objective) of everything in the window: everything = allowed / (1 − objective).
            const total = b.allowed !== null && b.target < 1 ? b.allowed / (1 - b.target) : null;
            return {
                objective: b.target * 100,
                measured: total ? Math.max(0, (1 - b.consumed / total) * 100) : null,
                window: b.window.label,
            };
        });
        services.push({ name: shown, status: disrupted.has(shown) ? 'disrupted' : 'operational', availability });
    }
    return { version: STATUS_VERSION, generatedAt: new Date(now).toISOString(), services, current, past };
}
function actionProgress(incident) {
    const items = (0,_model_action_items_js__WEBPACK_IMPORTED_MODULE_3__/* .readActionItems */ .NY)(incident)?.items ?? [];
    return { done: items.filter((i) => CLOSED.has(i.status.trim().toLowerCase())).length, total: items.length };
}
/** The published sections, read again from the file (reports load records without their prose). */
function publicSections(repo, incident) {
    let body = incident.body;
    if (body.sections.length === 0) {
        try {
            const split = (0,_load_front_matter_js__WEBPACK_IMPORTED_MODULE_0__/* .splitFrontMatter */ .vQ)(incident.file, (0,_load_read_file_js__WEBPACK_IMPORTED_MODULE_1__/* .readTextFile */ .Gu)(repo.root, incident.file).text).result;
            if (split)
                body = (0,_markdown_scan_js__WEBPACK_IMPORTED_MODULE_2__/* .scanMarkdown */ .N2)(split.body, split.bodyLine);
        }
        catch {
            return [];
        }
    }
    const out = [];
    for (const section of body.sections) {
        if (!_rules_public_text_js__WEBPACK_IMPORTED_MODULE_4__/* .PUBLIC_SECTIONS */ .v3.includes((0,_markdown_scan_js__WEBPACK_IMPORTED_MODULE_2__/* .normalizeHeading */ .MO)(section.heading.text)))
            continue;
        const blocks = [];
        let last = -1;
        for (const prose of body.prose) {
            if (prose.line <= section.heading.line || prose.line > section.endLine)
                continue;
            const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(prose.text);
            const text = plain(item ? item[1] : prose.text.trim());
            const previous = blocks[blocks.length - 1];
            if (!item && previous && prose.line === last + 1)
                previous.text += ` ${text}`;
            else if (text)
                blocks.push({ kind: item ? 'item' : 'paragraph', text });
            last = prose.line;
        }
        out.push({ heading: section.heading.text.replace(/[#*_`]/g, '').trim(), blocks });
    }
    return out;
}
/** Inline Markdown as the text a reader sees: emphasis and code markers dropped, links as their text. */
function plain(text) {
    return text
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1/g, '$2')
        .replace(/<[^>]*>/g, '')
        .replace(/\s+/g, ' ')
        .trim();
}


/***/ })

};
