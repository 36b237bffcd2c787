// The id of a new incident: INC-<year>-<number>, numbered within the year the incident started,
// one past the highest number that year already has. Ids are never reused, so every id counts:
// those of records that fail their schema, and those reserved by declarations not merged yet.

const ID = /^INC-(\d{4})-(\d{1,6})$/;

/** The next free id in `year` (the year of `started`, as written), given every id in use: "INC-2026-015". */
export function nextIncidentId(year: number | string, ids: Iterable<string>): string {
  const wanted = String(year);
  let max = 0;
  for (const id of ids) {
    const match = ID.exec(typeof id === 'string' ? id.trim() : '');
    if (match && match[1] === wanted) max = Math.max(max, Number(match[2]));
  }
  return `INC-${wanted}-${String(max + 1).padStart(3, '0')}`;
}
