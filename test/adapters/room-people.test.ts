import assert from 'node:assert/strict';
import { MAX_CHANNELS, MAX_MEMBERS, MAX_NAMED, ROOM_PEOPLE_TTL_MS, SlackRoomPeople } from '../../adapters/slack/room-people.js';
import { roomPeopleNames } from '../../adapters/matrix/inbound.js';

/** A workspace whose every channel has `size` members, counting the calls made. */
function workspace(size: number) {
  const calls = { members: 0, names: 0 };
  let now = 0;
  const people = new SlackRoomPeople({
    members: async (_channel, cursor) => {
      calls.members++;
      const from = Number(cursor ?? 0);
      const ids = Array.from({ length: Math.max(0, Math.min(200, size - from)) }, (_, i) => `U${from + i}`);
      return { members: ids, next: from + 200 < size ? String(from + 200) : '' };
    },
    name: async (user) => (calls.names++, `name-${user}`),
    now: () => now,
    failed: () => undefined,
  });
  return { people, calls, later: (ms: number) => (now += ms) };
}

describe('Slack: a channel’s people, bounded', () => {
  it('reads at most MAX_MEMBERS members and names at most MAX_NAMED of a huge channel', async () => {
    const w = workspace(50_000);
    const names = await w.people.of('C1');
    await w.people.settled('C1');
    assert.equal(names().length, MAX_NAMED);
    assert.equal(w.calls.members, MAX_MEMBERS / 200);
    assert.equal(w.calls.names, MAX_NAMED);
  });

  it('asks once per channel; when old, refreshes naming only newcomers; keeps at most MAX_CHANNELS channels', async () => {
    const w = workspace(3);
    await w.people.of('C1');
    await w.people.settled('C1');
    await w.people.of('C1');
    assert.deepEqual(w.calls, { members: 1, names: 3 });
    w.later(ROOM_PEOPLE_TTL_MS + 1);
    await w.people.of('C1');
    await w.people.settled('C1');
    assert.deepEqual(w.calls, { members: 2, names: 3 });
    for (let i = 0; i < MAX_CHANNELS + 5; i++) await w.people.of(`C-other-${i}`);
    await w.people.of('C1');
    assert.equal(w.calls.members, 2 + MAX_CHANNELS + 5 + 1, 'the channel seen longest ago was let go, and is asked again');
  });

});

describe('Matrix: a room’s people', () => {
  it('gives a Matrix room’s members by display name and localpart, once each, without the bot', () => {
    const members = [
      { userId: '@rdobot:hs.test', rawDisplayName: 'rdobot' },
      { userId: '@bob:hs.test', rawDisplayName: 'Bob' },
      { userId: '@carol:hs.test', rawDisplayName: '@carol:hs.test' },
      { userId: '@dave:hs.test', rawDisplayName: 'Dave Smith' },
    ];
    assert.deepEqual(roomPeopleNames(members, '@rdobot:hs.test'), ['bob', 'carol', 'dave', 'Dave Smith']);
  });
});
