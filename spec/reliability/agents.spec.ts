// Socket pools: one keep-alive pool per Connection by default, bounded; your own agent when given.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { expect } from 'chai';
import sinon from 'sinon';
import { agentsFor, DEFAULT_MAX_SOCKETS } from '../../lib/connection/agents.js';
import { Connection } from '../../lib/connection/connection.js';
import { ConfigurationError } from '../../lib/errors.js';
import { TEST_SECRET } from '../support/fixtures.js';
import { connectionTo, json, startServer, type TestServer } from './server.js';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('reliability: agents', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('keeps one socket alive across sequential calls of a connection', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const connection = connectionTo(server);
    for (let i = 0; i < 5; i++) await connection.request({ method: 'GET', path: '/v2/a' });
    expect(server.requests).to.have.length(5);
    expect(server.connections).to.equal(1);
    connection.close();
  });

  it('gives each connection its own pool', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const [a, b] = [connectionTo(server), connectionTo(server)];
    await a.request({ method: 'GET', path: '/v2/a' });
    await b.request({ method: 'GET', path: '/v2/a' });
    expect(server.connections).to.equal(2);
    a.close();
    b.close();
  });

  it('never opens more sockets than maxSockets, however many calls run at once', async () => {
    server = await startServer((_req, res) => setTimeout(() => json(res, 200, {}), 10));
    const connection = connectionTo(server, { maxSockets: 3 });
    const calls = Array.from({ length: 20 }, () => connection.request({ method: 'GET', path: '/v2/a' }));
    await Promise.all(calls);
    expect(server.requests).to.have.length(20);
    expect(server.maxSockets).to.equal(3);
    connection.close();
  });

  it('closes the idle sockets of its own pool on close()', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const connection = connectionTo(server);
    await connection.request({ method: 'GET', path: '/v2/a' });
    expect(server.openSockets).to.equal(1);
    connection.close();
    await later(50);
    expect(server.openSockets).to.equal(0);
  });

  it('uses the agent it is given and leaves it alone on close()', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const agent = new HttpAgent({ keepAlive: false });
    const destroy = sinon.spy(agent, 'destroy');
    const connection = connectionTo(server, { agent });
    for (let i = 0; i < 3; i++) await connection.request({ method: 'GET', path: '/v2/a' });
    expect(server.connections).to.equal(3);
    connection.close();
    expect(destroy.called).to.equal(false);
  });

  describe('agentsFor', () => {
    it('makes a keep-alive pair with the default pool size when none is given', () => {
      const { agents, owned } = agentsFor(undefined);
      expect(owned).to.have.length(2);
      for (const agent of [agents.http, agents.https] as HttpAgent[]) {
        expect((agent as unknown as { keepAlive: boolean }).keepAlive).to.equal(true);
        expect(agent.maxSockets).to.equal(DEFAULT_MAX_SOCKETS);
      }
      expect(agents.https).to.be.instanceOf(HttpsAgent);
    });

    it('serves the base URL protocol with a single agent, and completes a partial pair', () => {
      const https = new HttpsAgent();
      expect(agentsFor(https, 5, 'https:').agents.https).to.equal(https);
      const proxyLike = new HttpAgent();
      const forHttps = agentsFor(proxyLike, 5, 'https:');
      expect(forHttps.agents.https).to.equal(proxyLike);
      expect(forHttps.owned).to.deep.equal([forHttps.agents.http]);
      const pair = agentsFor({ http: proxyLike }, 5, 'http:');
      expect(pair.agents.http).to.equal(proxyLike);
      expect((pair.agents.https as HttpAgent).maxSockets).to.equal(5);
    });

    it('refuses something that is not an agent, or a bad pool size, with a ConfigurationError', () => {
      const base = { keyId: 'app_x', secret: TEST_SECRET };
      expect(() => new Connection({ ...base, agent: {} as never })).to.throw(ConfigurationError, /agent/);
      expect(() => new Connection({ ...base, agent: { https: 'x' } as never })).to.throw(ConfigurationError);
      expect(() => new Connection({ ...base, maxSockets: 0 })).to.throw(ConfigurationError, /maxSockets/);
    });
  });
});
