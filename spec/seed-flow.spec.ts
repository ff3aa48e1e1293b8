// The Smooch python wrapper's example (seed 000), step by step, on smooch-record against nock. Each step names
// the python call it stands for and asserts the exact request it makes. Webhook steps are covered elsewhere.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import nock from 'nock';
import {
  ApiError,
  AppUser,
  configure,
  Conversation,
  jwtForUser,
  Message,
  NotFoundError,
  SmoochError,
} from '../lib/index.js';
import { APP_ID, BASE, TEST_SECRET } from './support/fixtures.js';
import { rejectionOf } from './support/rejection.js';

const KEY_ID = 'app_seedflow';
const USER_ID = 'b6518';
const SMOOCH_ID = '3954ac92f5f38913af55819a';
const CONVERSATION_ID = '0a6a01de64f930d952345f94';
const USERS = `/v2/apps/${APP_ID}/users`;
const CONVERSATIONS = `/v2/apps/${APP_ID}/conversations`;
const MESSAGES = `${CONVERSATIONS}/${CONVERSATION_ID}/messages`;
const MEDIA_URL = `https://api.smooch.io/sc/attachments/v2/01SEEDFLOW/__test.jpg`;

const wireUser = (fields: Record<string, unknown> = {}) => ({
  id: SMOOCH_ID,
  externalId: USER_ID,
  signedUpAt: '2015-12-24T15:15:47.990Z',
  profile: {},
  metadata: {},
  ...fields,
});
const wireMessage = (id: string, author: Record<string, unknown>, content: Record<string, unknown>) => ({
  id,
  received: '2015-12-24T15:17:18.306Z',
  author,
  content,
  source: { type: 'api' },
});

/** The seed authenticates with a JWT only: every request must carry an app-scope token signed with the key. */
function appJwt(value: string | null): boolean {
  const token = (value ?? '').replace(/^Bearer /, '');
  const decoded = jwt.verify(token, TEST_SECRET, { algorithms: ['HS256'], complete: true });
  return decoded.header.kid === KEY_ID && (decoded.payload as jwt.JwtPayload).scope === 'app';
}

// One test, not one per step: the root hooks reset the default connection and nock after every test.
describe('seed parity: the Smooch wrapper example, in order', () => {
  let dir: string;
  let file: string;
  const sent: string[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seed-flow-'));
    file = join(dir, '__test.jpg');
    await writeFile(file, 'not-really-a-jpeg');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('runs pre-create, init, update, post as user and business, media, user JWT and errors', async () => {
    // api = Smooch("KEY_ID", "SECRET")
    configure({ keyId: KEY_ID, secret: TEST_SECRET, appId: APP_ID, retry: { limit: 0 } });
    const api = nock(BASE).matchHeader('authorization', appJwt);
    api.on('request', (req: { method: string; url: string }) => {
      const url = new URL(req.url);
      sent.push(`${req.method} ${url.pathname}${url.search}`);
    });

    // r = api.precreate_user(user_id)
    api.post(USERS, { externalId: USER_ID }).reply(201, { user: wireUser() });
    const precreated = await AppUser.create({ externalId: USER_ID });
    expect(precreated).to.be.instanceOf(AppUser);
    expect(precreated.toJSON()).to.deep.equal(wireUser());

    // r = api.init_user(user_id, "device-webapp-...")  -> find-or-create, safe to run again
    api
      .post(USERS, { externalId: USER_ID })
      .reply(409, { errors: [{ code: 'conflict', title: 'User already exists' }] })
      .get(`${USERS}/${USER_ID}`)
      .reply(200, { user: wireUser() });
    const user = await AppUser.findOrCreate({ externalId: USER_ID });
    expect(user.id).to.equal(SMOOCH_ID);

    // r = api.update_user(user_id, {"properties": {"number": "213123"}})
    user.metadata.number = '213123';
    api
      .patch(`${USERS}/${SMOOCH_ID}`, { metadata: { number: '213123' } })
      .reply(200, { user: wireUser({ metadata: { number: '213123' } }) });
    await user.save();
    expect(user.metadata).to.deep.equal({ number: '213123' });
    expect(user.isDirty).to.equal(false);

    // r = api.post_message(user_id, "Is Smooch any good?", False)   (as the user)
    api
      .get(CONVERSATIONS)
      .query({ 'filter[userId]': SMOOCH_ID })
      .reply(200, {
        conversations: [{ id: CONVERSATION_ID, type: 'personal', isDefault: true }],
        meta: { hasMore: false },
      });
    const asUser = { type: 'user', userId: SMOOCH_ID };
    const question = { type: 'text', text: 'Is Smooch any good?' };
    api
      .post(MESSAGES, { author: asUser, content: question })
      .reply(201, { messages: [wireMessage('567c0c7eb6211a2a0057abbf', asUser, question)] });
    const conversation = await user.conversation();
    expect(conversation).to.be.instanceOf(Conversation);
    const asked = await conversation.reply('Is Smooch any good?', { as: user });
    expect(asked).to.be.instanceOf(Message);
    expect(asked.id).to.equal('567c0c7eb6211a2a0057abbf');
    expect(asked.author.type).to.equal('user');

    // r = api.post_message(user_id, "Yes!!!", True)   (as the business, the appMaker of v1)
    const answer = { type: 'text', text: 'Yes!!!' };
    api
      .post(MESSAGES, { author: { type: 'business' }, content: answer })
      .reply(201, { messages: [wireMessage('567c0c92282bcf2a00ca9403', { type: 'business' }, answer)] });
    const replied = await conversation.reply('Yes!!!');
    expect(replied.author.type).to.equal('business');

    // r = api.post_media(user_id, file_path, False)   -> upload, then an image message by the user
    api
      .post(`/v2/apps/${APP_ID}/attachments`, (body: string) =>
        body.includes(
          'name="source"; filename="__test.jpg"\r\nContent-Type: image/jpeg\r\n\r\nnot-really-a-jpeg',
        ),
      )
      .query({ access: 'public', for: 'message', conversationId: CONVERSATION_ID })
      .reply(201, { attachment: { mediaUrl: MEDIA_URL, mediaType: 'image/jpeg' } });
    const image = { type: 'image', mediaUrl: MEDIA_URL };
    api.post(MESSAGES, { author: asUser, content: image }).reply(201, {
      messages: [wireMessage('567c0d0000000000000000aa', asUser, { ...image, mediaType: 'image/jpeg' })],
    });
    const media = await conversation.replyWithMedia(file, { as: user });
    expect(media.content.type).to.equal('image');

    // jwt_token = api.user_jwt("userId")  and  Smooch.jwt_for_user("KEY_ID", "SECRET", "userId")
    const token = user.jwt();
    const claims = jwt.verify(token, TEST_SECRET, { complete: true });
    expect(claims.header.kid).to.equal(KEY_ID);
    expect(claims.payload).to.deep.include({ scope: 'user', external_id: USER_ID });
    expect(jwt.decode(jwtForUser(KEY_ID, TEST_SECRET, USER_ID))).to.deep.include({
      scope: 'user',
      external_id: USER_ID,
    });

    // except Smooch.APIError  -> our error tree
    api.get(`${USERS}/nobody`).reply(404, { errors: [{ code: 'user_not_found', title: 'User not found' }] });
    const error = await rejectionOf(AppUser.find('nobody'));
    expect(error).to.be.instanceOf(NotFoundError).and.instanceOf(ApiError).and.instanceOf(SmoochError);
    expect(error).to.deep.include({ status: 404, code: 'user_not_found', title: 'User not found' });
    expect((error as ApiError).body).to.deep.equal({
      errors: [{ code: 'user_not_found', title: 'User not found' }],
    });

    expect(api.isDone()).to.equal(true);
    expect(sent).to.deep.equal([
      `POST ${USERS}`,
      `POST ${USERS}`,
      `GET ${USERS}/${USER_ID}`,
      `PATCH ${USERS}/${SMOOCH_ID}`,
      `GET ${CONVERSATIONS}?filter%5BuserId%5D=${SMOOCH_ID}`,
      `POST ${MESSAGES}`,
      `POST ${MESSAGES}`,
      `POST /v2/apps/${APP_ID}/attachments?access=public&for=message&conversationId=${CONVERSATION_ID}`,
      `POST ${MESSAGES}`,
      `GET ${USERS}/nobody`,
    ]);
  });
});
