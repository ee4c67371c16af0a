import { type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, parse } from 'graphql';
import { corroborationFieldsOf } from './selected-fields';

/** What a resolver of the query's first field is given (the parts `corroborationFieldsOf` reads). */
function infoOf(query: string): GraphQLResolveInfo {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const field = operation.selectionSet.selections[0] as FieldNode;
  return { fieldNodes: [field], fragments } as unknown as GraphQLResolveInfo;
}

describe('corroborationFieldsOf', () => {
  const queries: [string, ReturnType<typeof corroborationFieldsOf>][] = [
    ['{ incident(id: "x") { id } }', null],
    [
      '{ incident(id: "x") { corroborations { id source { name } } } }',
      { words: false, retraction: false, grade: false },
    ],
    [
      '{ incident(id: "x") { corroborations { citation retractedOn source { grade } } } }',
      { words: true, retraction: true, grade: true },
    ],
    [
      '{ incident(id: "x") { ...F } } fragment F on Incident { corroborations { ... on Corroboration { summary } } }',
      { words: true, retraction: false, grade: false },
    ],
  ];

  it.each(queries)('%s: what it asks', (query, expected) => {
    expect(corroborationFieldsOf(infoOf(query))).toEqual(expected);
  });

  it('answers each query as it asks, asked again or interleaved with others (kept per parsed query)', () => {
    const infos = queries.map(([query]) => infoOf(query));
    for (let round = 0; round < 3; round++)
      for (const [k, info] of infos.entries()) expect(corroborationFieldsOf(info)).toEqual(queries[k][1]);
  });
});
