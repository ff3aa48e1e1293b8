// A CommonJS project using the packed tarball: require() of every entry point, then one real round trip
// through the sandbox (create a user, reply in their conversation, read it back).
'use strict';
const assert = require('node:assert/strict');
const { AppUser, Connection, Conversation, NotFoundError } = require('smooch-record');
const { webhookEvent } = require('smooch-record/testing');
const { startSandbox } = require('smooch-record/sandbox');

async function main() {
  const sandbox = await startSandbox();
  try {
    const connection = new Connection({
      keyId: sandbox.keyId,
      secret: sandbox.secret,
      appId: sandbox.appId,
      baseUrl: sandbox.url,
    });
    const user = await AppUser.create({ externalId: 'cjs-consumer' }, { connection });
    assert.ok(user instanceof AppUser);
    const conversation = await user.conversation();
    assert.ok(conversation instanceof Conversation);
    const message = await conversation.reply('Hello from CommonJS');
    assert.equal(message.content.text, 'Hello from CommonJS');
    await assert.rejects(AppUser.find('nobody', { connection }), NotFoundError);
    assert.equal(webhookEvent('conversation:message').type, 'conversation:message');
    connection.close();
  } finally {
    await sandbox.close();
  }
  console.log('cjs consumer: ok');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
