// The few calls of Grafana's HTTP API the host's own pages make (under appSubUrl), with
// Grafana's `message` as the error text.
import { appSubUrl } from './theme';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${appSubUrl}/api${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: the status says what happened.
  }
  if (!response.ok) {
    const message = (json as { message?: string } | undefined)?.message ?? `HTTP ${response.status}`;
    throw new ApiError(response.status, message);
  }
  return json as T;
}
