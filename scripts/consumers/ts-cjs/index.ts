// A TypeScript CommonJS project (module: nodenext) using the packed tarball: compiled by tsc to require()
// calls, then run. The same round trip as the plain CommonJS consumer, with the types checked.
import assert from 'node:assert/strict';
import { AppUser, Connection, NotFoundError, type Message } from 'smooch-record';
import { startSandbox } from 'smooch-record/sandbox';
import { webhookEvent } from 'smooch-record/testing';

async function main(): Promise<void> {
  const sandbox = await startSandbox();
  try {
    const connection = new Connection({
      keyId: sandbox.keyId,
      secret: sandbox.secret,
      appId: sandbox.appId,
      baseUrl: sandbox.url,
    });
    const user = await AppUser.create({ externalId: 'ts-cjs-consumer' }, { connection });
    const conversation = await user.conversation();
    const message: Message = await conversation.reply('Hello from TypeScript CommonJS');
    assert.equal(message.author.type, 'business');
    await assert.rejects(AppUser.find('nobody', { connection }), NotFoundError);
    assert.equal(webhookEvent('conversation:message').type, 'conversation:message');
    connection.close();
  } finally {
    await sandbox.close();
  }
  console.log('ts-cjs consumer: ok');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
