// Grafana's service-account list as a plugin author writes it with @grafana/ui: search
// (an `Input`, debounced 300 ms, as the kit's; FilterInput would escape the text as a regex), a table of 30 rows per page (avatar, name and login,
// id, role picker, tokens, Disable and Delete), paging, from
// `GET /api/serviceaccounts/search`.
import { useEffect, useMemo, useState } from 'react';
import { Button, Icon, Input, Select } from '@grafana/ui';

interface ServiceAccount {
  id: number;
  uid: string;
  name: string;
  login: string;
  role: string;
  isDisabled: boolean;
  tokens: number;
  avatarUrl: string;
}

interface SearchResult {
  totalCount: number;
  serviceAccounts: ServiceAccount[];
  page: number;
  perPage: number;
}

const PER_PAGE = 30;
const ROLES = ['None', 'Viewer', 'Editor', 'Admin'].map((r) => ({ label: r, value: r }));

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function ServiceAccountsList({ onRendered }: { onRendered: () => void }) {
  const [typed, setTyped] = useState('');
  const query = useDebounced(typed, 300);
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setPage(1), [query]);

  useEffect(() => {
    const controller = new AbortController();
    const params = new URLSearchParams({ perpage: String(PER_PAGE), page: String(page), query, accesscontrol: 'true' });
    fetch(`/api/serviceaccounts/search?${params}`, { signal: controller.signal, headers: { Accept: 'application/json' } })
      .then(async (res) => {
        const body = await res.json();
        if (!res.ok) {
          throw new Error(body.message ?? `HTTP ${res.status}`);
        }
        setResult(body as SearchResult);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) {
          setError(e instanceof Error ? e.message : String(e));
        }
      });
    return () => controller.abort();
  }, [page, query]);

  useEffect(() => {
    if (result) {
      onRendered();
    }
  }, [result, onRendered]);

  const pages = result ? Math.max(1, Math.ceil(result.totalCount / PER_PAGE)) : 1;
  const showing = useMemo(() => {
    if (!result || result.totalCount === 0) {
      return 'No service accounts found';
    }
    const first = (page - 1) * PER_PAGE + 1;
    const last = Math.min(page * PER_PAGE, result.totalCount);
    return `Showing ${first}–${last} of ${result.totalCount}`;
  }, [result, page]);

  return (
    <div>
      <h1>Service accounts</h1>
      <Input
        type="search"
        prefix={<Icon name="search" />}
        aria-label="Search service account by name"
        placeholder="Search service account by name"
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
      />
      {error && <div role="alert">{error}</div>}
      <table className="filter-table">
        <thead>
          <tr>
            <th />
            <th>Account</th>
            <th>ID</th>
            <th>Roles</th>
            <th>Tokens</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {result?.serviceAccounts.map((sa) => (
            <tr key={sa.id}>
              <td>
                <img src={sa.avatarUrl} alt={`Avatar for ${sa.name}`} width={25} height={25} />
              </td>
              <td>
                <a href={`#${sa.uid}`}>{sa.name}</a>
              </td>
              <td>{sa.login}</td>
              <td>
                <Select
                  aria-label={`Role of ${sa.name}`}
                  width={16}
                  options={ROLES}
                  value={sa.role}
                  onChange={() => undefined}
                />
              </td>
              <td>{sa.tokens}</td>
              <td>
                <Button size="sm" variant="secondary" fill="text">
                  {sa.isDisabled ? 'Enable' : 'Disable'}
                </Button>
                <Button size="sm" variant="destructive" fill="text" aria-label={`Delete service account ${sa.name}`}>
                  Delete
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{showing}</p>
      <Button variant="secondary" aria-label="Previous page" disabled={page <= 1} onClick={() => setPage(page - 1)}>
        Previous
      </Button>
      <Button variant="secondary" aria-label="Next page" disabled={page >= pages} onClick={() => setPage(page + 1)}>
        Next
      </Button>
    </div>
  );
}
