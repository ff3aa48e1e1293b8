// Switchboards, switchboard integrations, conversation control, the channel-specific conversation operations and
// SyncUser, sent to a Prism mock of the official OpenAPI document: any request it does not allow fails the test.
import { expect } from 'chai';
import { hydrate } from '../../lib/model.js';
import { AppUser } from '../../lib/models/app-user.js';
import { Conversation } from '../../lib/models/conversation.js';
import { Switchboard } from '../../lib/models/switchboard.js';
import { SwitchboardIntegration } from '../../lib/models/switchboard-integration.js';
import { describeContract } from './prism.js';

const SWITCHBOARD = '5ef21b132f21af34f088530d';

describeContract('switchboards, control and the remaining operations', (ctx) => {
  const options = () => ({ connection: ctx.connection(), appId: ctx.appId });

  it('CreateSwitchboard, ListSwitchboards, UpdateSwitchboard, DeleteSwitchboard', async () => {
    const created = await Switchboard.create(options());
    expect(created).to.be.instanceOf(Switchboard);
    const [listed] = await Switchboard.all(options()).toArray({ limit: 5 });
    expect(listed).to.be.instanceOf(Switchboard);
    listed!.enabled = !listed!.enabled;
    await listed!.save();
    await listed!.delete();
  });

  it('CreateSwitchboardIntegration, ListSwitchboardIntegrations, UpdateSwitchboardIntegration, DeleteSwitchboardIntegration', async () => {
    const bot = await SwitchboardIntegration.create(
      SWITCHBOARD,
      {
        name: 'bot',
        integrationId: '5ef21b86e933b7355c11c605',
        deliverStandbyEvents: false,
        messageHistoryCount: 5,
      },
      options(),
    );
    expect(bot).to.be.instanceOf(SwitchboardIntegration);
    const [listed] = await SwitchboardIntegration.all(SWITCHBOARD, options()).toArray({ limit: 10 });
    listed!.deliverStandbyEvents = !listed!.deliverStandbyEvents;
    await listed!.save();
    await listed!.delete();
  });

  it('PassControl, OfferControl, AcceptControl, ReleaseControl', async () => {
    const conversation = await Conversation.find('67a0ecf8f0305f4a391e9db1', options());
    await conversation.passControl('next', { metadata: { reason: 'human requested' } });
    await conversation.offerControl('agents');
    await conversation.acceptControl({ metadata: { ticket: 42 } });
    await conversation.releaseControl();
  });

  it('DownloadMessageRef and PostConversionEvents', async () => {
    const conversation = await Conversation.find('67a0ecf8f0305f4a391e9db1', options());
    const ref = { url: 'https://example.com/ref', bid: 'com.example', key: 'k', signature: 's', owner: 'o' };
    await conversation.downloadMessageRef('5963c0d619a30a2e00de36b8', ref);
    await conversation.postConversionEvents('instagram', {
      data: [
        {
          action_source: 'business_messaging',
          event_name: 'Purchase',
          event_time: 1752161233,
          messaging_channel: 'instagram',
        },
      ],
    });
  });

  it('SyncUser', async () => {
    const connection = ctx.connection();
    const user = hydrate(
      AppUser,
      { id: '5963c0d619a30a2e00de36b8', zendeskId: '35436' },
      { connection, appId: ctx.appId },
    );
    await user.sync({ survivingZendeskId: '35999' });
    expect(user).to.be.instanceOf(AppUser);
  });
});
