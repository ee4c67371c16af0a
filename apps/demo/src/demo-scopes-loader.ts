/**
 * Loads the statements about situations, alleged users and any use, and the resolution with its votes. The
 * Lausanne Political Declaration speaks for every State Party on its day, as the registry lists them.
 */
import { type Ask, KEY, M, type Send } from './demo-client';
import { LAUSANNE, RESOLUTION, SCOPED_STATEMENTS } from './demo-scopes';

const STATES_PARTIES = 'query ($on: String) { states(filter: { status: STATE_PARTY, on: $on }) { stateCode } }';

/** `situations`: the theatre's key (yem, ukr) to the situation's id. */
export async function loadScopedStatements(
  send: Send,
  ask: Ask,
  situations: ReadonlyMap<string, string>,
): Promise<number> {
  const situationId = (key: string) => {
    const id = situations.get(key);
    if (!id) throw new Error(`The demo has no situation ${key}`);
    return id;
  };
  for (const st of SCOPED_STATEMENTS) {
    await send(M.statement, {
      idempotencyKey: `${KEY}-${st.key}`,
      speakers: st.speakers,
      onBehalfOf: st.onBehalfOf,
      kind: st.kind,
      venue: st.venue,
      deliveredOn: st.deliveredOn,
      incidentIds: [],
      namesUser: st.user !== undefined,
      scope: st.situation ? { situationIds: [situationId(st.situation)] } : { allegedUser: st.user },
      quote: st.quote,
      citation: { url: `https://example.org/demo/statements/${st.key}` },
    });
  }
  const { states } = await ask<{ states: { stateCode: string }[] }>(STATES_PARTIES, { on: LAUSANNE.deliveredOn });
  const { key, ...declaration } = LAUSANNE;
  await send(M.statement, {
    ...declaration,
    idempotencyKey: `${KEY}-${key}`,
    // Sorted, so that loading again sends the same input under the same key.
    speakers: states.map((s) => s.stateCode).sort(),
    incidentIds: [],
    namesUser: false,
    scope: { generic: true },
  });
  const { key: resolutionKey, situation, votes, ...resolution } = RESOLUTION;
  await send(M.resolution, {
    ...resolution,
    idempotencyKey: `${KEY}-${resolutionKey}`,
    scope: { situationIds: [situationId(situation)] },
    votes: votes.map((v) => ({ ...v })),
    citation: { url: 'https://example.org/demo/resolutions/yemen' },
  });
  return SCOPED_STATEMENTS.length + 1;
}
