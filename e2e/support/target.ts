// A tiny HTTP server the data source health check can call: it records every request and
// answers 200 only when the expected credentials arrive, else 401 with a text body.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Target {
  url: string;
  requests: { authorization?: string; headers: http.IncomingHttpHeaders; path?: string }[];
  expect: { authorization?: string; header?: [string, string] };
  close(): Promise<void>;
}

export async function startTarget(): Promise<Target> {
  const target: Target = { url: '', requests: [], expect: {}, close: async () => {} };
  const server = http.createServer((req, res) => {
    target.requests.push({ authorization: req.headers.authorization, headers: req.headers, path: req.url });
    const authOk = !target.expect.authorization || req.headers.authorization === target.expect.authorization;
    const [name, value] = target.expect.header ?? [];
    const headerOk = !name || req.headers[name.toLowerCase()] === value;
    if (authOk && headerOk) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok"}');
    } else {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('invalid credentials for example api');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  target.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  target.close = () => new Promise((r) => server.close(() => r()));
  return target;
}
