/** Rebuilding the projection file of a running instance, over GraphQL. */
/** Asks a running instance to rebuild its projection file (the rebuildProjections mutation, ADMIN). */
export async function rebuildRemote(url: string, token: string | undefined): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({
      query:
        'mutation { rebuildProjections { projectionVersion checkpoint eventsApplied skipped skippedEventIds sources ' +
        'incidents corroborations investigations statements durationMs } }',
    }),
  });
  const body = (await res.json()) as { data?: { rebuildProjections: unknown }; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data?.rebuildProjections;
}
