import { expect } from 'chai';
import { ForbiddenError } from '../../lib/errors.js';
import { hydrate } from '../../lib/model.js';
import { Conversation } from '../../lib/models/conversation.js';
import { api, APP_ID, testConnection } from '../support/fixtures.js';
import { rejectionOf } from '../support/rejection.js';

const CONVO = '67a0ecf8f0305f4a391e9db1';
const URL = `/v2/apps/${APP_ID}/conversations/${CONVO}`;

describe('Conversation switchboard control and channel operations', () => {
  const connection = testConnection();
  const conversation = () =>
    hydrate(Conversation, { id: CONVO, type: 'personal' }, { connection, appId: APP_ID });

  it('passControl / offerControl send the target and metadata', async () => {
    const scope = api()
      .post(`${URL}/passControl`, { switchboardIntegration: 'next', metadata: { reason: 'human' } })
      .reply(200, {})
      .post(`${URL}/offerControl`, { switchboardIntegration: 'agents' })
      .reply(200, {});
    await conversation().passControl('next', { metadata: { reason: 'human' } });
    await conversation().offerControl('agents');
    scope.done();
  });

  it('acceptControl / releaseControl send metadata only', async () => {
    const scope = api()
      .post(`${URL}/acceptControl`, {})
      .reply(200, {})
      .post(`${URL}/releaseControl`, { metadata: { ticket: 42 } })
      .reply(200, {});
    await conversation().acceptControl();
    await conversation().releaseControl({ metadata: { ticket: 42 } });
    scope.done();
  });

  it('surfaces a 403 as ForbiddenError with the API title', async () => {
    const title = 'Integration is not the pending switchboard integration';
    api()
      .post(`${URL}/acceptControl`)
      .reply(403, { errors: [{ code: 'forbidden', title }] });
    const error = await conversation()
      .acceptControl()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).to.be.instanceOf(ForbiddenError);
    expect((error as ForbiddenError).title).to.equal(title);
  });

  it('rejects a missing control target before any request', async () => {
    const error = await rejectionOf(conversation().passControl(''));
    expect(error)
      .to.be.instanceOf(TypeError)
      .with.property('message')
      .that.matches(/switchboard integration/);
  });

  it('downloadMessageRef posts the Apple reference and returns the answer', async () => {
    const ref = { url: 'https://example.com/ref', bid: 'b', key: 'k', signature: 's', owner: 'o' };
    const scope = api()
      .post(`${URL}/download`, { userId: 'u1', apple: { interactiveDataRef: ref } })
      .reply(200, { data: 'x' });
    expect(await conversation().downloadMessageRef('u1', ref)).to.deep.equal({ data: 'x' });
    scope.done();
    const error = await rejectionOf(
      conversation().downloadMessageRef('u1', { ...ref, key: undefined } as never),
    );
    expect(error).to.be.instanceOf(TypeError).with.property('message').that.matches(/key/);
  });

  it('postConversionEvents wraps the payload under its channel', async () => {
    const payload = { data: [{ event_name: 'Purchase', event_time: 1752161233 }] };
    const scope = api()
      .post(`${URL}/conversionEvents`, { instagram: { payload } })
      .reply(200, { conversionEvents: { events_received: 1 } });
    expect(await conversation().postConversionEvents('instagram', payload)).to.deep.equal({
      events_received: 1,
    });
    scope.done();
    const error = await conversation()
      .postConversionEvents('sms' as never, payload)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).to.be.instanceOf(TypeError);
    expect((error as Error).message).to.match(/messenger/);
  });
});
