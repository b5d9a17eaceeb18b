// The kit's bench editor (bench/kit/editor.js) as a plugin author writes it with
// @grafana/ui: the same sections and controls. "Connection" with the URL (`Input`),
// "Authentication" with the method (`Select`, as @grafana/plugin-ui's Auth has it) and an
// API key (`SecretInput`, with Grafana's configured state and Reset), "Additional
// settings" with a jsonData field.
import type { ChangeEvent } from 'react';
import type { DataSourcePluginOptionsEditorProps, DataSourceJsonData, SelectableValue } from '@grafana/data';
import { Field, Input, SecretInput, Select, Stack, Text } from '@grafana/ui';

interface Options extends DataSourceJsonData {
  projectId?: string;
  oauthPassThru?: boolean;
}
interface Secrets {
  apiKey?: string;
}

export type Props = DataSourcePluginOptionsEditorProps<Options, Secrets>;

const AUTH_METHODS: Array<SelectableValue<string>> = [
  { value: 'BasicAuth', label: 'Basic authentication (most common)', description: 'Authenticate with your data source username and password' },
  { value: 'OAuthForward', label: 'Forward OAuth Identity', description: "Forward the OAuth access token (and the OIDC ID token if available) of the user querying to the data source" },
  { value: 'NoAuth', label: 'No Authentication', description: 'Data source is available without authentication' },
  { value: 'CrossSiteCredentials', label: 'Enable cross-site access control requests', description: 'Send credentials with cross-site requests' },
];

function authMethod(options: Props['options']): string {
  if (options.basicAuth) return 'BasicAuth';
  if (options.jsonData.oauthPassThru) return 'OAuthForward';
  if (options.withCredentials) return 'CrossSiteCredentials';
  return 'NoAuth';
}

function Section({ title, description, level = 3, children }: { title: string; description?: string; level?: 3 | 4; children: React.ReactNode }) {
  return (
    <section>
      <Text element={level === 3 ? 'h3' : 'h4'}>{title}</Text>
      {description && <Text color="secondary">{description}</Text>}
      <Stack direction="column">{children}</Stack>
    </section>
  );
}

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const { jsonData, secureJsonFields, secureJsonData } = options;
  const method = authMethod(options);
  return (
    <>
      <Section title="Connection">
        <Field label="URL" description="Specify a complete HTTP URL (for example https://example.com:8080)" required>
          <Input
            id="config-editor-url"
            type="url"
            width={40}
            value={options.url}
            placeholder="URL"
            onChange={(e: ChangeEvent<HTMLInputElement>) => onOptionsChange({ ...options, url: e.target.value })}
          />
        </Field>
      </Section>
      <Section title="Authentication">
        <Section level={4} title="Authentication methods" description="Choose an authentication method to access the data source">
          <Field label="Authentication method" description={AUTH_METHODS.find((m) => m.value === method)?.description}>
            <Select
              inputId="config-editor-auth-method"
              width={40}
              options={AUTH_METHODS}
              value={method}
              onChange={(v) =>
                onOptionsChange({
                  ...options,
                  basicAuth: v.value === 'BasicAuth',
                  withCredentials: v.value === 'CrossSiteCredentials',
                  jsonData: { ...jsonData, oauthPassThru: v.value === 'OAuthForward' },
                })
              }
            />
          </Field>
        </Section>
        <Field label="API key" description="Sent to the data source as a bearer token">
          <SecretInput
            id="config-editor-api-key"
            width={40}
            placeholder="API key"
            isConfigured={Boolean(secureJsonFields?.apiKey)}
            value={secureJsonData?.apiKey ?? ''}
            onReset={() =>
              onOptionsChange({
                ...options,
                secureJsonFields: { ...secureJsonFields, apiKey: false },
                secureJsonData: { ...secureJsonData, apiKey: '' },
              })
            }
            onChange={(e: ChangeEvent<HTMLInputElement>) =>
              onOptionsChange({ ...options, secureJsonData: { ...secureJsonData, apiKey: e.target.value } })
            }
          />
        </Field>
      </Section>
      <Section title="Additional settings">
        <Field label="Project ID">
          <Input
            id="config-editor-project-id"
            width={40}
            value={jsonData.projectId ?? ''}
            onChange={(e: ChangeEvent<HTMLInputElement>) =>
              onOptionsChange({ ...options, jsonData: { ...jsonData, projectId: e.target.value } })
            }
          />
        </Field>
      </Section>
    </>
  );
}
