import type { ResolutionDetails } from '@app/domain';
import { RecordResolutionVoteCommand } from '../../statements/commands/resolution.handlers';
import { RecordResolutionVoteInput } from '../../statements/dto/resolution.inputs';
import { cell, type ImportRow } from './import-file';
import { canon, type FieldProblem, type ImportKind, refId } from './import-kinds';

/** The columns a vote row shares with every other row of its resolution (all but stateCode and vote). */
const RESOLUTION_COLUMNS = [
  'externalId',
  'symbol',
  'title',
  'venue',
  'adoptedOn',
  'kind',
  'incidents',
  'situations',
  'citationUrl',
  'archivedUrl',
  'archivedSha256',
] as const;

const FIELDS = ['symbol', 'title', 'venue', 'adoptedOn', 'kind', 'incidentIds', 'scope', 'votes', 'citation'] as const;

/**
 * A voting record lists one State per row (as the UN's do): the rows of one resolution (one externalId)
 * become one row whose stateCode and vote cells are lists, in file order. A row whose resolution columns
 * differ from its resolution's first row is refused, so that a typo cannot silently drop or mix votes.
 */
export function groupVoteRows(rows: readonly ImportRow[]): {
  rows: ImportRow[];
  problems: (FieldProblem & { row: ImportRow })[];
} {
  const groups = new Map<string, ImportRow & { cells: { stateCode: unknown[]; vote: unknown[] } }>();
  const grouped: ImportRow[] = [];
  const problems: (FieldProblem & { row: ImportRow })[] = [];
  for (const row of rows) {
    const id = cell.text(row.cells.externalId);
    const first = id === undefined ? undefined : groups.get(id);
    if (id === undefined || first === undefined) {
      const group = {
        line: row.line,
        cells: { ...row.cells, stateCode: [row.cells.stateCode], vote: [row.cells.vote] },
      };
      if (id !== undefined) groups.set(id, group);
      grouped.push(group);
      continue;
    }
    const differs = RESOLUTION_COLUMNS.find((c) => cell.text(row.cells[c]) !== cell.text(first.cells[c]));
    if (differs) {
      problems.push({ row, field: differs, message: `differs from line ${first.line}, this resolution's first row` });
      continue;
    }
    first.cells.stateCode.push(row.cells.stateCode);
    first.cells.vote.push(row.cells.vote);
  }
  return { rows: grouped, problems };
}

export const RESOLUTION_VOTE_ROWS: ImportKind = {
  short: 'resolution',
  purpose: 'resolution',
  dto: RecordResolutionVoteInput,
  columns: [...RESOLUTION_COLUMNS.slice(0, 8), 'stateCode', 'vote', ...RESOLUTION_COLUMNS.slice(8)],
  fieldColumns: {
    incidentIds: 'incidents',
    'scope.situationIds': 'situations',
    'citation.url': 'citationUrl',
    'citation.archivedUrl': 'archivedUrl',
    'citation.archivedSha256': 'archivedSha256',
    votes: 'stateCode',
  },
  group: groupVoteRows,
  toInput(c, ctx) {
    const states = Array.isArray(c.stateCode) ? c.stateCode : [c.stateCode];
    const votes = Array.isArray(c.vote) ? c.vote : [c.vote];
    const url = cell.text(c.citationUrl);
    const situationIds = cell.list(c.situations).map((ref) => refId(ctx, 'situation', 'situation', ref));
    return {
      symbol: cell.text(c.symbol),
      title: cell.text(c.title),
      venue: cell.text(c.venue),
      adoptedOn: cell.text(c.adoptedOn),
      kind: cell.text(c.kind),
      incidentIds: cell.list(c.incidents).map((ref) => refId(ctx, 'incident', 'incident', ref)),
      scope: situationIds.length === 0 ? undefined : { situationIds },
      votes: states.map((s, i) => ({ stateCode: cell.text(s), vote: cell.text(votes[i])?.toUpperCase() })),
      citation:
        url === undefined
          ? undefined
          : { url, archivedUrl: cell.text(c.archivedUrl), archivedSha256: cell.text(c.archivedSha256) },
    };
  },
  check(raw, ctx) {
    const input = raw as RecordResolutionVoteInput;
    const problems: FieldProblem[] = [];
    const codes = input.votes.map((v) => v.stateCode);
    const unknown = codes.find((code) => !ctx.reference.isKnownCountry(code));
    if (unknown) problems.push({ field: 'stateCode', message: `unknown ISO 3166-1 alpha-3 code ${unknown}` });
    const twice = codes.find((code, i) => codes.indexOf(code) !== i);
    if (twice) problems.push({ field: 'stateCode', message: `${twice} votes twice on this resolution` });
    if (input.scope?.situationIds?.some((id) => !ctx.registry.situationExists(id)))
      problems.push({ field: 'situations', message: 'no such situation in the registry' });
    if (input.incidentIds.some((id) => !ctx.registry.incidentExists(id)))
      problems.push({ field: 'incidents', message: 'no such incident in the registry' });
    return problems;
  },
  revision: (id, ctx) => ctx.registry.resolution(id)?.revision,
  create: (input, meta) => new RecordResolutionVoteCommand(input as RecordResolutionVoteInput, meta),
  // A recorded vote has no correction (no command does it): an unchanged resolution is left alone.
  change(id, raw, _key, ctx) {
    const current = ctx.registry.resolution(id)!;
    const input = raw as unknown as ResolutionDetails;
    const differs = FIELDS.find((field) => canon(current[field]) !== canon(input[field]));
    return Promise.resolve(
      differs === undefined
        ? null
        : {
            field: { votes: 'vote', incidentIds: 'incidents', scope: 'situations' }[differs as string] ?? differs,
            message: 'a recorded resolution vote cannot be corrected: import the new record under a new externalId',
          },
    );
  },
  withdraw: () => 'unsupported',
};
