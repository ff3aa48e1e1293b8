// Every response the sandbox gives, and every webhook it delivers, validated against the official OpenAPI
// document (../shared/spec, or SMOOCH_OPENAPI_SPEC) with ajv. The document stays outside the repository.
import { expect } from 'chai';
import { routes } from '../../lib/sandbox/routes.js';
import { type SandboxFixture, useSandbox } from './support/fixture.js';
import { describeWithDocument } from '../support/with-document.js';
import { type Receiver, startReceiver } from './support/receiver.js';
import { type Recorder, startRecorder } from './support/recorder.js';
import { ResponseValidator } from './support/response-validator.js';
import { everyError, everyOperation } from './support/scenario.js';
import {
  everySwitchboardOperation,
  HANDOVER_TRIGGERS,
  type SwitchboardScenario,
} from './support/switchboard-scenario.js';

/** The payload fields the switchboard assertions read. */
interface EventPayload {
  metadata?: Record<string, unknown>;
  conversation: { activeSwitchboardIntegration?: { name: string } | null };
  message: { content: { text?: string } };
}

describeWithDocument('sandbox: every response conforms to the OpenAPI document', () => {
  let recorder: Recorder;
  let receiver: Receiver;
  let handover: Receiver;
  let scenario: SwitchboardScenario;
  let validator: ResponseValidator;
  let f: SandboxFixture;
  const fixture = useSandbox({
    via: async (url) => {
      recorder = await startRecorder(url);
      return recorder.url;
    },
  });

  before(async function () {
    this.timeout(30_000);
    validator = new ResponseValidator();
    receiver = await startReceiver();
    handover = await startReceiver();
    f = fixture();
    await everyOperation(f, receiver.url);
    await everyError(f);
    scenario = await everySwitchboardOperation(f, handover.url);
    await f.sandbox.flush();
  });

  after(async () => {
    await recorder?.close();
    await receiver?.close();
    await handover?.close();
  });

  it('validates every recorded response against its operation and status', () => {
    expect(recorder.exchanges.length).to.be.greaterThan(90);
    const violations = recorder.exchanges.flatMap((exchange) => validator.check(exchange));
    expect(violations).to.deep.equal([]);
    // Bad input (malformed JSON, wrong types, unknown ids) is a 4xx of the API's shape, never a crash.
    expect(recorder.exchanges.filter((exchange) => exchange.status >= 500)).to.deep.equal([]);
  });

  it('sent request bodies that conform, wherever the sandbox accepted them', () => {
    const accepted = recorder.exchanges.filter((e) => e.status < 400 && e.request !== undefined);
    expect(accepted.length).to.be.greaterThan(40);
    expect(accepted.flatMap((exchange) => validator.checkRequest(exchange))).to.deep.equal([]);
    // The validator is not silent: a passControl without its target is a violation.
    const pass = accepted.find((e) => e.path.endsWith('/passControl'))!;
    expect(validator.checkRequest({ ...pass, request: { metadata: { a: 1 } } })).to.have.length(1);
  });

  it('answered every operation the sandbox serves with a success', () => {
    const succeeded = new Set(
      recorder.exchanges.filter((e) => e.status < 400).map((e) => validator.operationOf(e.method, e.path)),
    );
    const served = routes.map((route) =>
      validator.operationOf(route.method, route.pattern.replace(/:/g, '')),
    );
    expect(served).not.to.include(undefined);
    expect(routes.map((route) => route.operation)).to.deep.equal(served);
    expect(new Set(served).size).to.equal(68);
    expect(served.filter((id) => !succeeded.has(id))).to.deep.equal([]);
  });

  it('answered the error cases with the documented codes', () => {
    const codes = recorder.exchanges
      .filter((e) => e.status >= 400)
      .map((e) => `${e.status} ${(e.body as { errors: Array<{ code: string }> }).errors[0]!.code}`);
    expect(new Set(codes)).to.have.keys(
      '400 bad_request',
      '401 unauthorized',
      '403 forbidden',
      '404 app_not_found',
      '404 user_not_found',
      '404 conversation_not_found',
      '404 integration_not_found',
      '404 device_not_found',
      '404 client_not_found',
      '404 switchboard_not_found',
      '404 switchboard_integration_not_found',
      '400 switchboard_invalid_target',
      '409 conflict',
    );
  });

  it('delivered webhook envelopes and events that conform, with the secret in X-API-Key', () => {
    expect(receiver.deliveries.length).to.be.greaterThan(5);
    const violations = receiver.deliveries.flatMap((delivery) => validator.checkDelivery(delivery.body));
    expect(violations).to.deep.equal([]);
    const types = new Set(receiver.deliveries.flatMap((d) => d.body.events.map((event) => event.type)));
    expect([...types].sort()).to.deep.equal([
      'client:add',
      'client:remove',
      'conversation:create',
      'conversation:join',
      'conversation:leave',
      'conversation:message',
      'conversation:read',
      'conversation:remove',
      'user:remove',
    ]);
    expect(new Set(receiver.deliveries.map((d) => d.headers['x-api-key'])).size).to.equal(1);
  });

  it('moved control as the switchboard guide says, and routed events by the switchboard state', () => {
    expect(scenario.states).to.deep.equal({
      'first message': { active: 'bot', pending: undefined },
      'passControl next': { active: 'agents', pending: undefined },
      'offerControl bot': { active: 'agents', pending: 'bot' },
      'offerControl superseded': { active: 'agents', pending: 'workspace' },
      acceptControl: { active: 'workspace', pending: undefined },
      'passControl next without next': { active: 'workspace', pending: undefined },
      'acceptControl without offer': { active: 'bot', pending: undefined },
      releaseControl: { active: undefined, pending: undefined },
    });
    const violations = handover.deliveries.flatMap((delivery) => validator.checkDelivery(delivery.body));
    expect(violations).to.deep.equal([]);
    const events = handover.deliveries.flatMap((d) =>
      d.body.events.map((event) => ({
        to: d.path,
        ...(event as { type: string; payload: EventPayload }),
      })),
    );
    expect(new Set(events.map((event) => event.type))).to.have.keys(HANDOVER_TRIGGERS);
    const passed = events.find((event) => event.type === 'switchboard:passControl')!;
    expect(passed.payload.metadata).to.deep.equal({ reason: 'human requested' });
    expect(passed.payload.conversation.activeSwitchboardIntegration?.name).to.equal('agents');
    // The bot does not deliver standby events: while the agents hold control, it does not hear the user.
    const heard = (text: string) =>
      events
        .filter((e) => e.type === 'conversation:message' && e.payload.message.content.text === text)
        .map((e) => e.to);
    expect(heard('I need a human').sort()).to.deep.equal(['/hooks/bot', '/hooks/desk']);
    expect(heard('Are you a human?')).to.deep.equal(['/hooks/desk']);
  });

  it('would catch a violation (the validator is not silent)', () => {
    const user = recorder.exchanges.find(
      (e) => e.method === 'GET' && /\/users\/[^/]+$/.test(e.path) && e.status === 200,
    )!;
    const broken = structuredClone(user.body) as { user: Record<string, unknown> };
    broken.user.authenticated = 'yes';
    broken.user.identities = 'none';
    const [violation] = validator.check({ ...user, body: broken });
    expect(violation!.errors.join('\n')).to.include('/user/authenticated').and.include('/user/identities');
    expect(validator.check({ ...user, status: 202 })[0]!.errors).to.deep.equal([
      'GetUser declares no 202 response',
    ]);
    expect(validator.check({ ...user, status: 404, body: { error: 'nope' } })).to.have.length(1);
  });
});
