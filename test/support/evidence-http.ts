import * as net from 'node:net';

/** HTTP helpers for the evidence routes (raw bodies, chunked bodies, a connection cut midway). */
export interface UploadAnswer {
  status: number;
  body: Record<string, any>;
}

export const baseUrlOf = (graphqlUrl: string): string => graphqlUrl.replace(/\/graphql$/, '');

export async function uploadEvidence(
  base: string,
  token: string | null,
  bytes: Buffer,
  name?: string,
): Promise<UploadAnswer> {
  const query = name === undefined ? '' : `?name=${encodeURIComponent(name)}`;
  const res = await fetch(`${base}/evidence${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: bytes,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** The same upload without a Content-Length (chunked), so that only the bytes themselves can tell the size. */
export async function uploadChunked(base: string, token: string, chunks: Buffer[]): Promise<UploadAnswer> {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new Uint8Array(chunk));
      controller.close();
    },
  });
  const res = await fetch(`${base}/evidence`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` },
    body: stream,
    duplex: 'half',
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** Opens an upload announcing `declared` bytes, sends `first`, and returns a function that cuts the connection. */
export async function startUpload(base: string, token: string, declared: number, first: Buffer): Promise<() => void> {
  const { hostname, port } = new URL(base);
  const socket = net.connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.on('error', () => undefined);
  socket.write(
    `POST /evidence?name=cut.pdf HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: application/octet-stream\r\nContent-Length: ${declared}\r\n\r\n`,
  );
  socket.write(first);
  return () => socket.destroy();
}

export async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
