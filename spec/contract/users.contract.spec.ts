// Every user, client, device and attachment operation, sent to a Prism mock of the official OpenAPI document:
// Prism rejects any request the document does not allow, so each call proves its wire shape.
import { expect } from 'chai';
import { AppUser, Profile } from '../../lib/models/app-user.js';
import { Attachment } from '../../lib/models/attachment.js';
import { Client } from '../../lib/models/client.js';
import { Device } from '../../lib/models/device.js';
import { describeContract } from './prism.js';

const USER_ID = '6710a3c2e4b0f1a2b3c4d5e6';

describeContract('users, clients, devices and attachments', (ctx) => {
  const options = () => ({ connection: ctx.connection(), appId: ctx.appId });
  const user = () => AppUser.find(USER_ID, options());

  it('CreateUser, GetUser, UpdateUser, DeleteUserPersonalInformation, DeleteUser', async () => {
    const created = await AppUser.create(
      {
        externalId: 'b6518',
        signedUpAt: new Date('2015-12-24T15:15:47.990Z'),
        toBeRetained: true,
        profile: { givenName: 'Bob', surname: 'Smith', email: 'bob@example.com', locale: 'en-US' },
        metadata: { number: '213123' },
      },
      options(),
    );
    expect(created).to.be.instanceOf(AppUser);
    expect(created.id).to.be.a('string');

    const found = await AppUser.find('b6518', { ...options(), brandId: '947792' });
    expect(found.profile).to.be.instanceOf(Profile);
    found.profile.givenName = 'Robert';
    found.metadata = { ...found.metadata, plan: 'pro' };
    found.signedUpAt = new Date('2016-01-01T00:00:00.000Z');
    await found.save();

    await found.deletePersonalInformation();
    await found.delete();
  });

  it('CreateUser through findOrCreate', async () => {
    const bob = await AppUser.findOrCreate({ externalId: 'b6518', profile: { givenName: 'Bob' } }, options());
    expect(bob).to.be.instanceOf(AppUser);
  });

  it('ListUsers through findByEmail', async () => {
    const users = await AppUser.findByEmail('sue@example.org', options());
    expect(users[0]).to.be.instanceOf(AppUser);
  });

  it('CreateClient, ListClients, RemoveClient', async () => {
    const bob = await user();
    const created = await Client.create(bob, {
      // Mailgun, as in the Clients API seed: Prism ignores the discriminator, and twilio, messagebird and
      // whatsapp criteria all match a body with only a phoneNumber (oneOf then fails).
      matchCriteria: {
        type: 'mailgun',
        integrationId: '6710b1f0e4b0f1a2b3c4aa01',
        primary: true,
        address: 'bob@example.com',
        subject: 'New message from {appName}',
      },
      confirmation: { type: 'immediate' },
      target: { conversationId: '6710b2a4e4b0f1a2b3c4bb02' },
    });
    expect(created).to.be.instanceOf(Client);
    const [first] = await bob.clients({ pageSize: 10 }).first(1);
    expect(first).to.be.instanceOf(Client);
    await first!.delete();
  });

  it('ListDevices, GetDevice', async () => {
    const bob = await user();
    const [first] = await bob.devices().first(1);
    expect(first).to.be.instanceOf(Device);
    const device = await Device.find(bob, first!.id);
    expect(device.lastSeen).to.be.instanceOf(Date);
  });

  it('UploadAttachment, DeleteAttachment', async () => {
    const uploaded = await Attachment.upload(Buffer.from('fake-jpeg-bytes'), {
      ...options(),
      filename: 'photo.jpg',
      for: 'message',
      conversationId: '6710b2a4e4b0f1a2b3c4bb02',
    });
    expect(uploaded.mediaUrl).to.be.a('string');
    await uploaded.delete();
    await Attachment.delete('https://example.org/document.pdf', options());
  });
});
