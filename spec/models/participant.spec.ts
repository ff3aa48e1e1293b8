import { expect } from 'chai';
import { hydrate } from '../../lib/model.js';
import { Participant } from '../../lib/models/participant.js';
import { leaveIdentity, userIdentity } from '../../lib/models/user-ref.js';
import { APP_ID, testConnection } from '../support/fixtures.js';

const plain = {
  id: '67a0ee3880e2647cbb7a9c97',
  userId: '67179a2930a150d5adc4d51f',
  userExternalId: 'b6518',
  unreadCount: 2,
  lastRead: '2019-01-14T18:55:12.515Z',
  clientAssociations: [{ type: 'sdk', clientId: '67a0ee38f0305f4a391e9def' }],
  futureField: 1,
};

describe('Participant', () => {
  const binding = { connection: testConnection(), appId: APP_ID };

  it('hydrates its fields, lastRead as a Date, and keeps unknown ones', () => {
    const p = hydrate(Participant, plain, binding);
    expect(p.lastRead).to.be.instanceOf(Date);
    expect(p.lastRead!.toISOString()).to.equal(plain.lastRead);
    expect(p.clientAssociations).to.deep.equal(plain.clientAssociations);
    expect(p.toJSON()).to.deep.equal(plain);
  });

  it('accepts a null lastRead and userExternalId (nullable in the spec)', () => {
    const p = hydrate(Participant, { ...plain, lastRead: null, userExternalId: null }, binding);
    expect(p.lastRead).to.equal(null);
    expect(p.userExternalId).to.equal(null);
  });

  describe('user references', () => {
    it('name a user by userId, then userExternalId, then an AppUser’s id', () => {
      expect(userIdentity({ id: 'u1' })).to.deep.equal({ userId: 'u1' });
      expect(userIdentity({ userId: 'u2' })).to.deep.equal({ userId: 'u2' });
      expect(userIdentity({ userExternalId: 'bob', brandId: 'b1' })).to.deep.equal({ userExternalId: 'bob' });
      expect(() => userIdentity({ userId: '' })).to.throw(TypeError);
      expect(() => userIdentity(undefined as never)).to.throw(TypeError);
    });

    it('leave by participantId for a Participant, else by the user', () => {
      const p = hydrate(Participant, plain, binding);
      expect(leaveIdentity(p)).to.deep.equal({ participantId: plain.id });
      expect(leaveIdentity({ participantId: 'p1' })).to.deep.equal({ participantId: 'p1' });
      expect(leaveIdentity({ id: 'u1' })).to.deep.equal({ userId: 'u1' });
      expect(leaveIdentity({ userExternalId: 'bob' })).to.deep.equal({ userExternalId: 'bob' });
      expect(() => leaveIdentity({} as never)).to.throw(TypeError, 'leave() needs');
    });
  });
});
