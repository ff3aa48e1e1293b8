// Seed parity, round two, as documentation: the request each new call sends and the model it gives back.
import { expect } from 'chai';
import nock from 'nock';
import * as lib from '../../lib/index.js';
import {
  AppUser,
  Client,
  Conversation,
  Model,
  NotFoundError,
  ReadOnlyFieldError,
  Webhook,
} from '../../lib/index.js';
import { hydrate } from '../../lib/model.js';
import { APP_ID, BASE, BASIC, testConnection } from '../support/fixtures.js';

const USER_ID = '5963c0d619a30a2e00de36b8';
const USERS = `/v2/apps/${APP_ID}/users`;
const INTEGRATIONS = `/v2/apps/${APP_ID}/integrations`;
const CUSTOM_A = '5e4af71a81966cfff3ef6550';
const CUSTOM_B = '5e4af71a81966cfff3ef6551';
const WEBHOOK = {
  id: '5e554d2cac66fb73a3c01871',
  target: 'https://example.com/hooks',
  triggers: ['conversation:message'],
};

function api() {
  return nock(BASE, { reqheaders: { authorization: BASIC } });
}

describe('seed parity, round two', () => {
  const connection = testConnection();
  const options = { connection, appId: APP_ID };
  const user = { id: USER_ID, externalId: 'b6518', profile: { givenName: 'Bob' }, metadata: { karma: 2 } };

  describe('reload() (python-intercom load())', () => {
    it('GETs the model again and updates the same instance in place, keeping its binding', async () => {
      const bob = hydrate(AppUser, user, options);
      bob.profile.givenName = 'unsaved';
      const scope = api()
        .get(`${USERS}/${USER_ID}`)
        .reply(200, { user: { ...user, profile: { givenName: 'Robert' }, companies: ['kept'] } });
      const same = await bob.reload();
      scope.done();
      expect(same).to.equal(bob);
      expect(bob.profile.givenName).to.equal('Robert');
      expect(bob.isDirty).to.equal(false);
      expect(bob.connection).to.equal(connection);
      expect((bob as unknown as { companies: string[] }).companies).to.deep.equal(['kept']);
    });

    it('a webhook reloads under its own integration', async () => {
      const webhook = await (async () => {
        api().get(`${INTEGRATIONS}/${CUSTOM_A}/webhooks/${WEBHOOK.id}`).reply(200, { webhook: WEBHOOK });
        return Webhook.find(WEBHOOK.id, { ...options, integrationId: CUSTOM_A });
      })();
      const scope = api()
        .get(`${INTEGRATIONS}/${CUSTOM_A}/webhooks/${WEBHOOK.id}`)
        .reply(200, { webhook: { ...WEBHOOK, secret: 'fresh-not-real' } });
      await webhook.reload();
      scope.done();
      expect(webhook.secret).to.equal('fresh-not-real');
      expect(webhook.integrationId).to.equal(CUSTOM_A);
    });

    it('exists on exactly the models whose declaration lists find', () => {
      const models = Object.values(lib).filter(
        (value) => typeof value === 'function' && value.prototype instanceof Model && 'resource' in value,
      ) as unknown as { name: string; prototype: object; resource: { operations: ReadonlySet<string> } }[];
      expect(models.length).to.be.greaterThan(8);
      for (const Class of models) {
        const has = typeof (Class.prototype as { reload?: unknown }).reload === 'function';
        expect(has, Class.name).to.equal(Class.resource.operations.has('find'));
      }
    });
  });

  describe('partial references load their user (python-intercom conversation.user.load())', () => {
    const other = testConnection({ appId: 'other-app' });
    const CONVERSATION = `/v2/apps/${APP_ID}/conversations/c1`;

    it('message.author.loadUser() GETs the user with the message connection and app', async () => {
      const conversation = hydrate(Conversation, { id: 'c1', type: 'personal' }, options);
      const scope = api()
        .get(`${CONVERSATION}/messages`)
        .reply(200, {
          messages: [
            { id: 'm1', author: { type: 'user', userId: USER_ID }, content: { type: 'text', text: 'hi' } },
          ],
          meta: { hasMore: false },
        })
        .get(`${USERS}/${USER_ID}`)
        .reply(200, { user });
      const [message] = await conversation.messages().first(1);
      const author = await message!.author.loadUser();
      scope.done();
      expect(author).to.be.instanceOf(AppUser);
      expect(author.profile.givenName).to.equal('Bob');
      expect(author.connection).to.equal(connection);
    });

    it('participant.loadUser() GETs the user with the participant connection and app', async () => {
      const conversation = hydrate(
        Conversation,
        { id: 'c1', type: 'personal' },
        { connection: other, appId: 'other-app' },
      );
      const scope = api()
        .get('/v2/apps/other-app/conversations/c1/participants')
        .reply(200, { participants: [{ id: 'p1', userId: USER_ID }], meta: { hasMore: false } })
        .get(`/v2/apps/other-app/users/${USER_ID}`)
        .reply(200, { user });
      const [participant] = await conversation.participants().first(1);
      const loaded = await participant!.loadUser();
      scope.done();
      expect(loaded.id).to.equal(USER_ID);
      expect(loaded.appId).to.equal('other-app');
    });

    it('a business author names no user: a TypeError before any request', async () => {
      const message = hydrate(
        lib.Message,
        { id: 'm1', author: { type: 'business' }, content: { type: 'text' } },
        options,
      );
      const error = await message.author.loadUser().catch((e: unknown) => e);
      expect(error)
        .to.be.instanceOf(TypeError)
        .with.property('message')
        .that.matches(/business author names no user/);
    });
  });

  describe('business replies with a name and an avatar', () => {
    it('reply(text, { displayName, avatarUrl }) sends them in the author', async () => {
      const conversation = hydrate(Conversation, { id: 'c1', type: 'personal' }, options);
      const author = { type: 'business', displayName: 'Steve', avatarUrl: 'https://example.com/steve.png' };
      const scope = api()
        .post(`/v2/apps/${APP_ID}/conversations/c1/messages`, {
          author,
          content: { type: 'text', text: 'Hi' },
        })
        .reply(201, { messages: [{ id: 'm1', author, content: { type: 'text', text: 'Hi' } }] });
      const message = await conversation.reply('Hi', { displayName: 'Steve', avatarUrl: author.avatarUrl });
      scope.done();
      expect(message.author.displayName).to.equal('Steve');
      expect(message.author.avatarUrl).to.equal(author.avatarUrl);
    });

    it('refuses an empty name or an avatar that is not an http(s) URL, before any request', async () => {
      const conversation = hydrate(Conversation, { id: 'c1', type: 'personal' }, options);
      const bad: [object, RegExp][] = [
        [{ displayName: '' }, /displayName must be a non-empty string/],
        [{ displayName: 7 }, /displayName must be a non-empty string/],
        [{ avatarUrl: 'steve.png' }, /avatarUrl must be an http\(s\) URL/],
      ];
      for (const [reply, message] of bad) {
        const error = await conversation.reply('Hi', reply as never).catch((e: unknown) => e);
        expect(error, String(message))
          .to.be.instanceOf(TypeError)
          .with.property('message')
          .that.matches(message);
      }
      expect(nock.pendingMocks()).to.deep.equal([]);
    });
  });

  describe('static update by id (smooch-python update_user)', () => {
    it('AppUser.update PATCHes the writable fields in one request and returns the user', async () => {
      const scope = api()
        .patch(`${USERS}/b6518`, { metadata: { plan: 'pro' }, signedUpAt: '2016-01-01T00:00:00.000Z' })
        .reply(200, { user: { ...user, metadata: { plan: 'pro' } } });
      const updated = await AppUser.update(
        'b6518',
        { metadata: { plan: 'pro' }, signedUpAt: new Date('2016-01-01T00:00:00.000Z') },
        options,
      );
      scope.done();
      expect(updated).to.be.instanceOf(AppUser);
      expect(updated.metadata).to.deep.equal({ plan: 'pro' });
      expect(updated.isDirty).to.equal(false);
    });

    it('Conversation.update PATCHes by id', async () => {
      const path = `/v2/apps/${APP_ID}/conversations/c1`;
      const scope = api()
        .patch(path, { displayName: 'VIP' })
        .reply(200, { conversation: { id: 'c1', displayName: 'VIP' } });
      const conversation = await Conversation.update('c1', { displayName: 'VIP' }, options);
      scope.done();
      expect(conversation.displayName).to.equal('VIP');
    });
  });

  describe('increment(key, by = 1) (python-intercom user.increment)', () => {
    it('adds to a metadata number (absent is 0) as a change save() sends', async () => {
      const bob = hydrate(AppUser, user, options);
      bob.increment('karma').increment('visits', 3);
      expect(bob.changes()).to.deep.equal({ metadata: { karma: 3, visits: 3 } });
      const scope = api()
        .patch(`${USERS}/${USER_ID}`, { metadata: { karma: 3, visits: 3 } })
        .reply(200, { user: { ...user, metadata: { karma: 3, visits: 3 } } });
      await bob.save();
      scope.done();
    });

    it('refuses an empty key, a negative, zero or non-numeric step, and a non-number value', () => {
      const bob = hydrate(AppUser, { ...user, metadata: { plan: 'pro' } }, options);
      expect(() => bob.increment('')).to.throw(TypeError, /non-empty metadata key/);
      expect(() => bob.increment('karma', -1)).to.throw(TypeError, /above 0/);
      expect(() => bob.increment('karma', 0)).to.throw(TypeError, /above 0/);
      expect(() => bob.increment('karma', '2' as never)).to.throw(TypeError, /above 0/);
      expect(() => bob.increment('karma', Number.NaN)).to.throw(TypeError, /above 0/);
      expect(() => bob.increment('plan')).to.throw(TypeError, /metadata.plan is a string/);
      expect(bob.isDirty).to.equal(false);
    });
  });

  describe('save() refuses fields the API does not accept (python-intercom AttributeNotSetError)', () => {
    it('names the field and what is writable, and sends nothing', async () => {
      const bob = hydrate(AppUser, user, options);
      (bob as unknown as { companies: unknown[] }).companies = [{ id: 'acme' }];
      bob.metadata.plan = 'pro';
      const error = await bob.save().catch((e: unknown) => e);
      expect(error).to.be.instanceOf(ReadOnlyFieldError);
      expect(error).to.include({ model: 'AppUser' });
      expect((error as ReadOnlyFieldError).fields).to.deep.equal(['companies']);
      expect((error as ReadOnlyFieldError).writable).to.include('metadata');
      expect(nock.pendingMocks()).to.deep.equal([]);
    });

    it('a conversation refuses read = true; unknown fields received stay readable and do not block save()', async () => {
      const conversation = hydrate(Conversation, { id: 'c1', type: 'personal', brandNew: { a: 1 } }, options);
      expect((conversation as unknown as { brandNew: unknown }).brandNew).to.deep.equal({ a: 1 });
      (conversation as unknown as { read: boolean }).read = true;
      const error = await conversation.save().catch((e: unknown) => e);
      expect(error)
        .to.be.instanceOf(ReadOnlyFieldError)
        .with.property('message')
        .that.matches(/cannot write read/);
      delete (conversation as unknown as { read?: boolean }).read;
      conversation.displayName = 'VIP';
      const scope = api()
        .patch(`/v2/apps/${APP_ID}/conversations/c1`, { displayName: 'VIP' })
        .reply(200, { conversation: { id: 'c1', displayName: 'VIP' } });
      await conversation.save();
      scope.done();
    });
  });

  describe('Client.delete(user, clientId) (seed 001 remove_client)', () => {
    it('DELETEs the client in one request, without listing', async () => {
      const scope = api().delete(`${USERS}/b6518/clients/c7`).reply(200, {});
      await Client.delete('b6518', 'c7', options);
      scope.done();
    });
  });

  describe('webhooks by id alone (delete_webhook(id), Subscription.find / all)', () => {
    function customs() {
      return api()
        .get(INTEGRATIONS)
        .query({ 'filter[types]': 'custom' })
        .reply(200, {
          integrations: [
            { id: CUSTOM_A, type: 'custom' },
            { id: CUSTOM_B, type: 'custom' },
          ],
        });
    }

    it('Webhook.find(id) looks through the custom integrations, then GETs it with its secret', async () => {
      const scope = customs()
        .get(`${INTEGRATIONS}/${CUSTOM_A}/webhooks`)
        .reply(200, { webhooks: [] })
        .get(`${INTEGRATIONS}/${CUSTOM_B}/webhooks`)
        .reply(200, { webhooks: [WEBHOOK] })
        .get(`${INTEGRATIONS}/${CUSTOM_B}/webhooks/${WEBHOOK.id}`)
        .reply(200, { webhook: { ...WEBHOOK, secret: 'secret-not-real' } });
      const webhook = await Webhook.find(WEBHOOK.id, options);
      scope.done();
      expect(webhook.integrationId).to.equal(CUSTOM_B);
      expect(webhook.secret).to.equal('secret-not-real');
    });

    it('Webhook.delete(id) finds its integration and DELETEs it; an id no integration holds is a NotFoundError', async () => {
      const scope = customs()
        .get(`${INTEGRATIONS}/${CUSTOM_A}/webhooks`)
        .reply(200, { webhooks: [WEBHOOK] })
        .delete(`${INTEGRATIONS}/${CUSTOM_A}/webhooks/${WEBHOOK.id}`)
        .reply(200, {});
      await Webhook.delete(WEBHOOK.id, options);
      scope.done();
      const none = customs()
        .get(`${INTEGRATIONS}/${CUSTOM_A}/webhooks`)
        .reply(200, { webhooks: [] })
        .get(`${INTEGRATIONS}/${CUSTOM_B}/webhooks`)
        .reply(200, { webhooks: [] });
      const error = await Webhook.delete('gone', options).catch((e: unknown) => e);
      none.done();
      expect(error).to.be.instanceOf(NotFoundError).with.property('code', 'webhook_not_found');
    });

    it('Webhook.delete(id, { integrationId }) is one request', async () => {
      const scope = api().delete(`${INTEGRATIONS}/${CUSTOM_A}/webhooks/${WEBHOOK.id}`).reply(200, {});
      await Webhook.delete(WEBHOOK.id, { ...options, integrationId: CUSTOM_A });
      scope.done();
    });

    it('Webhook.all() lists the webhooks of every custom integration, each knowing its integration', async () => {
      const other = { ...WEBHOOK, id: 'w2', target: 'https://example.com/other' };
      const scope = customs()
        .get(`${INTEGRATIONS}/${CUSTOM_A}/webhooks`)
        .reply(200, { webhooks: [WEBHOOK] })
        .get(`${INTEGRATIONS}/${CUSTOM_B}/webhooks`)
        .reply(200, { webhooks: [other] });
      const all = await Webhook.all(options).toArray({ limit: 10 });
      scope.done();
      expect(all.map((w) => [w.id, w.integrationId])).to.deep.equal([
        [WEBHOOK.id, CUSTOM_A],
        ['w2', CUSTOM_B],
      ]);
    });

    it('Webhook.update(id, fields, { integrationId }) PATCHes in one request', async () => {
      const scope = api()
        .patch(`${INTEGRATIONS}/${CUSTOM_A}/webhooks/${WEBHOOK.id}`, { target: 'https://example.com/v2' })
        .reply(200, { webhook: { ...WEBHOOK, target: 'https://example.com/v2' } });
      const webhook = await Webhook.update(
        WEBHOOK.id,
        { target: 'https://example.com/v2' },
        { ...options, integrationId: CUSTOM_A },
      );
      scope.done();
      expect(webhook.target).to.equal('https://example.com/v2');
      expect(webhook.integrationId).to.equal(CUSTOM_A);
    });
  });

  describe('v1 trigger names', () => {
    it('are refused before any request, naming the v2 trigger; unknown names too', async () => {
      const cases: [string, RegExp][] = [
        [
          'message:appMaker',
          /v1 trigger: in v2 it is 'conversation:message' \(filter on event.message.author.type\)/,
        ],
        ['message:appUser', /in v2 it is 'conversation:message'/],
        ['conversation:start', /in v2 it is 'conversation:create'/],
        ['postback', /in v2 it is 'conversation:postback'/],
        ['payment:success', /no v2 equivalent/],
        ['conversation:mesage', /Unknown trigger "conversation:mesage"/],
      ];
      for (const [trigger, message] of cases) {
        const error = await Webhook.ensure(
          { target: WEBHOOK.target, triggers: [trigger as never] },
          options,
        ).catch((e: unknown) => e);
        expect(error, trigger).to.be.instanceOf(TypeError).with.property('message').that.matches(message);
      }
      expect(nock.pendingMocks()).to.deep.equal([]);
    });
  });
});
