// Job ids: the event id itself when BullMQ accepts it, else a one-to-one encoding.
import { expect } from 'chai';
import { jobIdOf } from '../../lib/queue/index.js';

describe('jobIdOf', () => {
  it('is the event id, or a ~-escaped form for ids BullMQ refuses (integers, ":"), one to one', () => {
    expect(jobIdOf('65f1c0a9b2e4d7001a2b3c4d')).to.equal('65f1c0a9b2e4d7001a2b3c4d');
    expect(jobIdOf('123')).to.equal('~123');
    expect(jobIdOf('a:b')).to.equal('~a%3Ab');
    expect(jobIdOf('~123')).to.equal('~~123');
    expect(new Set(['123', '~123', 'a:b', 'a%3Ab'].map(jobIdOf)).size).to.equal(4);
  });
});
