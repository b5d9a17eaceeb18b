// The upstream API of the example Rust data source (its backend's module doc): on
// 127.0.0.1:0, accepting one API key as `Authorization: Bearer <key>`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const UPSTREAM_VERSION = '9.9.9';
export const UPSTREAM_REGIONS = [
  { id: 'eu-west', name: 'EU West' },
  { id: 'us-east', name: 'US East' },
];

export interface ExampleUpstream {
  url: string;
  close(): Promise<void>;
}

export async function startExampleUpstream(apiKey: string): Promise<ExampleUpstream> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return send(401, { message: 'bad key' });
    }
    const url = new URL(req.url ?? '/', 'http://upstream');
    switch (url.pathname) {
      case '/api/version':
        return send(200, { version: UPSTREAM_VERSION });
      case '/api/regions':
        return send(200, UPSTREAM_REGIONS);
      case '/api/series': {
        const from = Number(url.searchParams.get('from') ?? 0);
        return send(200, { points: [[from, 1], [from + 60_000, 2]] });
      }
      default:
        return send(404, { message: 'not found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
