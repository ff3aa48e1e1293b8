/** The clients compared, in table order: which runner file under clients/ and which variant of it. */
export interface ClientSpec {
  id: string;
  label: string;
  runner: string;
  /** `default`: as installed; `keepalive`: given a keep-alive agent. */
  variant: 'default' | 'keepalive';
}

export const CLIENTS: ClientSpec[] = [
  { id: 'smooch-record', label: 'smooch-record', runner: 'smooch-record', variant: 'default' },
  { id: 'got', label: 'raw got 14 + keep-alive', runner: 'got', variant: 'keepalive' },
  { id: 'node-http', label: 'node:http + keep-alive', runner: 'node-http', variant: 'keepalive' },
  { id: 'sunshine', label: 'sunshine-conversations-client', runner: 'sunshine', variant: 'default' },
  {
    id: 'sunshine-ka',
    label: 'sunshine-conversations-client + keep-alive',
    runner: 'sunshine',
    variant: 'keepalive',
  },
  { id: 'smooch-core', label: 'smooch-core (v1)', runner: 'smooch-core', variant: 'default' },
  {
    id: 'smooch-core-ka',
    label: 'smooch-core (v1) + keep-alive',
    runner: 'smooch-core',
    variant: 'keepalive',
  },
];
