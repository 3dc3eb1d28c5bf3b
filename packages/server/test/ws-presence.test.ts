import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway, type Frame, type Harness, type TestClient } from './ws-harness.js';

const TOPIC = 'session:s1';

interface PresencePayload {
  session_id: string;
  users: { id: string; username: string; typing: boolean }[];
}

const presence = (frame: Frame) => frame.payload as unknown as PresencePayload;
const names = (frame: Frame) => presence(frame).users.map((u) => `${u.username}${u.typing ? '*' : ''}`);

/** The next presence event on TOPIC after the frames `client` has now. */
function nextPresence(client: TestClient, match: (p: PresencePayload) => boolean = () => true) {
  return client.waitFor(
    (f) => f.type === 'presence' && f.topic === TOPIC && match(presence(f)),
    2000,
    client.frames.length,
  );
}

describe('ws gateway: presence and typing', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('turns a typing indicator off when the client stops renewing it', async () => {
    const harness = (h = await startGateway({ typingTtlMs: 150 }));
    const alice = await harness.login('alice');
    const bob = await harness.login('bob');
    await alice.subscribe([TOPIC]);
    await bob.subscribe([TOPIC]);
    const typing = nextPresence(bob);
    alice.send({ type: 'typing', payload: { session_id: 's1', typing: true } });
    assert.deepEqual(names(await typing), ['alice*', 'bob']);
    // Alice never sends typing: false (her tab froze); the indicator goes off by itself.
    const stopped = nextPresence(bob);
    assert.deepEqual(names(await stopped), ['alice', 'bob']);
  });

  it('publishes who is in a session on subscribe, typing, unsubscribe and disconnect', async () => {
    h = await startGateway();
    const alice = await h.login('alice');
    const bob = await h.login('bob');

    const aliceJoined = nextPresence(alice);
    await alice.subscribe([TOPIC]);
    const first = await aliceJoined;
    assert.equal(first.epoch, h.gateway.epoch);
    assert.equal(typeof first.seq, 'number', 'presence is a scoped event');
    assert.deepEqual(presence(first), {
      session_id: 's1',
      users: [{ id: 'u-alice', username: 'alice', typing: false }],
    });

    const bobJoinedSeenByAlice = nextPresence(alice);
    const bobJoined = nextPresence(bob);
    await bob.subscribe([TOPIC]);
    assert.deepEqual(names(await bobJoinedSeenByAlice), ['alice', 'bob']);
    assert.deepEqual(names(await bobJoined), ['alice', 'bob']);
    assert.deepEqual(
      h.gateway
        .subscribers(TOPIC)
        .map((u) => u.username)
        .sort(),
      ['alice', 'bob'],
    );

    const typing = nextPresence(bob);
    alice.send({ type: 'typing', payload: { session_id: 's1', typing: true } });
    assert.deepEqual(names(await typing), ['alice*', 'bob']);

    // Repeating the same state publishes nothing; the next change does.
    alice.send({ type: 'typing', payload: { session_id: 's1', typing: true } });
    const stopped = nextPresence(bob);
    alice.send({ type: 'typing', payload: { session_id: 's1', typing: false } });
    const stoppedFrame = await stopped;
    assert.deepEqual(names(stoppedFrame), ['alice', 'bob']);
    assert.equal(stoppedFrame.seq, (await typing).seq! + 1, 'no event for the repeated typing frame');

    const left = nextPresence(alice);
    bob.send({ type: 'unsubscribe', payload: { topics: [TOPIC] } });
    assert.deepEqual(names(await left), ['alice']);

    const bobBack = nextPresence(alice, (p) => p.users.length === 2);
    await bob.subscribe([TOPIC]);
    await bobBack;
    // bob types, then his socket drops: he and his typing state disappear together.
    const bobTyping = nextPresence(alice, (p) => p.users.some((u) => u.typing));
    bob.send({ type: 'typing', payload: { session_id: 's1', typing: true } });
    assert.deepEqual(names(await bobTyping), ['alice', 'bob*']);
    const bobGone = nextPresence(alice);
    bob.close();
    assert.deepEqual(names(await bobGone), ['alice']);
  });

  it('shows a user with two tabs once, typing if either tab is', async () => {
    h = await startGateway();
    const tab1 = await h.login('alice');
    const tab2 = await h.login('alice');
    const bob = await h.login('bob');
    await tab1.subscribe([TOPIC]);
    await tab2.subscribe([TOPIC]);
    const joined = nextPresence(bob);
    await bob.subscribe([TOPIC]);
    assert.deepEqual(names(await joined), ['alice', 'bob']);

    const typing = nextPresence(bob);
    tab2.send({ type: 'typing', payload: { session_id: 's1', typing: true } });
    assert.deepEqual(names(await typing), ['alice*', 'bob']);

    // Closing the tab that is not typing changes nothing anyone can see.
    tab1.close();
    await tab1.closed;
    const stop = nextPresence(bob);
    tab2.send({ type: 'typing', payload: { session_id: 's1', typing: false } });
    const stopFrame = await stop;
    assert.deepEqual(names(stopFrame), ['alice', 'bob']);
    assert.equal(stopFrame.seq, (await typing).seq! + 1);
  });

  it('refuses typing for a session the socket has not subscribed to', async () => {
    h = await startGateway();
    const alice = await h.login('alice');
    alice.send({ type: 'typing', payload: { session_id: 's9', typing: true } });
    const error = await alice.waitForType('error');
    assert.equal(error.payload.code, 'FORBIDDEN_TOPIC');
    assert.equal(h.gateway.topicSeq('session:s9'), 0);

    alice.send({ type: 'typing', payload: { session_id: 's9' } });
    await alice.waitFor((f) => f.type === 'error' && f.payload.code === 'INVALID_MESSAGE');
  });
});
