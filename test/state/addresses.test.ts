import assert from 'node:assert/strict';
import { Addresses } from '../../src/state/addresses.js';
import { openUsersDb } from '../../src/state/users-db.js';
import { said } from '../helpers/message.js';

describe('the name each person was last seen under', () => {
  it('keeps the latest name, whether seen in a message or in a meeting\'s roll', () => {
    const addresses = new Addresses(openUsersDb());
    addresses.remember(said('!remind me in 1h to eat', { network: 'irc', user: { id: 'alice-account', name: 'alice', verified: true } }), 1000);
    assert.equal(addresses.nameOf('irc', 'alice-account'), 'alice');
    addresses.seen('irc', 'alice-account', 'alice_away', 2000);
    assert.equal(addresses.nameOf('irc', 'alice-account'), 'alice_away');
    assert.equal(addresses.nameOf('matrix', 'alice-account'), undefined, 'a person is known per network');
  });
});
