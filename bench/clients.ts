/** The clients compared, in table order: which runner file under clients/ and which variant of it. */
export interface ClientSpec {
  id: string;
  label: string;
  runner: string;
  /**
   * `default`: as installed; `keepalive`: given a keep-alive agent; `wide-pool`: smooch-record with a socket
   * pool as large as the concurrency of (b), like the floor clients' unbounded agents; `timeout`: raw got with
   * the per-attempt timeout smooch-record sets by default (30 s), to tell that timeout's cost from the library's.
   */
  variant: 'default' | 'keepalive' | 'wide-pool' | 'timeout';
}

export const CLIENTS: ClientSpec[] = [
  { id: 'smooch-record', label: 'smooch-record', runner: 'smooch-record', variant: 'default' },
  {
    id: 'smooch-record-64',
    label: 'smooch-record, maxSockets: 64',
    runner: 'smooch-record',
    variant: 'wide-pool',
  },
  { id: 'got', label: 'raw got 14 + keep-alive', runner: 'got', variant: 'keepalive' },
  {
    id: 'got-timeout',
    label: 'raw got 14 + keep-alive + 30 s timeout',
    runner: 'got',
    variant: 'timeout',
  },
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
