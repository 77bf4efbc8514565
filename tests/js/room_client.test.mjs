// Tests of the live room's browser client with a fake server and fake timers.
// Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  backoffDelay,
  classifyResponse,
  createCoachClient,
  createRoomClient,
  enqueue,
  normalizeCode,
  payloadProblem,
  retryAfterMs,
  roomCodeFromUrl,
} from "../../equitykit/room/static/room_client.js";

const ACTIVITIES = {
  "m/check": { kind: "check", questions: { q1: ["a", "b", "c"], q2: ["a", "b"] } },
  "m/poll": { kind: "poll", options: ["x", "y"] },
  "m/sort": { kind: "sort", items: ["i1"], categories: ["technical", "adaptive"] },
  "m/r1": { kind: "reflection" },
};

class MemoryStorage {
  constructor() {
    this.data = new Map();
  }
  getItem(key) {
    return this.data.has(key) ? this.data.get(key) : null;
  }
  setItem(key, value) {
    this.data.set(key, String(value));
  }
}

class FakeTimers {
  constructor() {
    this.queue = [];
    this.next = 1;
  }
  setTimeout(fn, ms) {
    const id = this.next++;
    this.queue.push({ id, fn, ms });
    return id;
  }
  clearTimeout(id) {
    this.queue = this.queue.filter((t) => t.id !== id);
  }
  get delays() {
    return this.queue.map((t) => t.ms);
  }
  runAll() {
    const due = this.queue;
    this.queue = [];
    for (const t of due) t.fn();
  }
}

function jsonResponse(status, body, headers = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

// A fake room server with the real one's rules: one answer per participant and question,
// each (participant, id) accepted once.
class FakeServer {
  constructor() {
    this.code = "K7QX4M";
    this.tokens = new Set();
    this.received = new Map(); // token -> Map(id -> body)
    this.answers = new Map(); // `${token}|${activity}|${item}` -> value
    this.mode = "up"; // up | offline | lose-reply | status
    this.nextStatus = null;
    this.requests = [];
    this.joins = 0;
    this.fetch = this.fetch.bind(this);
  }
  async fetch(url, init = {}) {
    this.requests.push({ url, init });
    if (this.mode === "offline") throw new TypeError("Failed to fetch");
    if (this.nextStatus) {
      const [status, body, headers] = this.nextStatus;
      this.nextStatus = null;
      return jsonResponse(status, body, headers);
    }
    const path = new URL(url, "http://room.test").pathname;
    if (path === `/api/rooms/${this.code}/join`) {
      this.joins += 1;
      const token = `token-${this.joins}`;
      this.tokens.add(token);
      return jsonResponse(201, { participant_token: token, room: { code: this.code, activities: ACTIVITIES } });
    }
    if (path === `/api/rooms/${this.code}/submissions`) {
      const token = (init.headers.Authorization || "").replace("Bearer ", "");
      if (!this.tokens.has(token)) return jsonResponse(403, { error: "forbidden", message: "no" });
      const body = JSON.parse(init.body);
      const seen = this.received.get(token) || new Map();
      this.received.set(token, seen);
      const duplicate = seen.has(body.id);
      if (!duplicate) {
        seen.set(body.id, body);
        const item = body.payload.question ?? body.payload.item ?? "";
        this.answers.set(`${token}|${body.activity}|${item}`, JSON.stringify(body.payload));
      }
      if (this.mode === "lose-reply") throw new TypeError("connection reset");
      return jsonResponse(duplicate ? 200 : 201, { accepted: true, duplicate, id: body.id });
    }
    return jsonResponse(404, { error: "unknown_room", message: "no room" });
  }
  get accepted() {
    let n = 0;
    for (const seen of this.received.values()) n += seen.size;
    return n;
  }
  get submissionRequests() {
    return this.requests.filter((r) => r.url.endsWith("/submissions"));
  }
}

function setup(overrides = {}) {
  const server = new FakeServer();
  const storage = new MemoryStorage();
  const timers = new FakeTimers();
  let n = 0;
  const options = {
    baseUrl: "http://room.test",
    storage,
    fetch: server.fetch,
    timers,
    random: () => 0.5,
    makeId: () => `id-${String(++n).padStart(6, "0")}`,
    ...overrides,
  };
  return { server, storage, timers, options, client: createRoomClient(options) };
}

// --- pure functions ---

test("room codes are normalised and look-alike characters refused", () => {
  assert.equal(normalizeCode(" k7q-x4m "), "K7QX4M");
  assert.equal(normalizeCode("K7QX4"), null);
  assert.equal(normalizeCode("K7QX0M"), null); // zero is not in the alphabet
  assert.equal(normalizeCode(42), null);
  assert.equal(roomCodeFromUrl("http://192.168.1.5:8000/modules/x.html?room=k7qx4m"), "K7QX4M");
  assert.equal(roomCodeFromUrl("http://h/#room=K7QX4M&coach=secret"), "K7QX4M");
  assert.equal(roomCodeFromUrl("not a url"), null);
});

test("backoff doubles, jitters within bounds and is capped", () => {
  const lo = (a) => backoffDelay(a, { random: () => 0 });
  const hi = (a) => backoffDelay(a, { random: () => 1 });
  assert.deepEqual([lo(0), hi(0)], [250, 500]);
  assert.deepEqual([lo(3), hi(3)], [2000, 4000]);
  assert.equal(hi(20), 30000);
  assert.equal(retryAfterMs("3"), 3000);
  assert.equal(retryAfterMs(null), null);
  assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4_000), 6000);
});

test("responses are sorted into ok, retry, drop, gone and rejoin", () => {
  const cases = [
    [201, "ok"], [200, "ok"], [0, "retry"], [429, "retry"], [503, "retry"], [500, "retry"],
    [410, "gone"], [401, "rejoin"], [403, "rejoin"], [422, "drop"], [413, "drop"],
    [409, "drop"], [415, "drop"],
  ];
  for (const [status, verdict] of cases) assert.equal(classifyResponse(status), verdict, String(status));
  assert.equal(classifyResponse(404, { error: "unknown_room" }), "gone");
});

test("a newer answer replaces a queued one, but not the one in flight", () => {
  const a = { id: "1", activity: "m/check", kind: "check", payload: { question: "q1", option: "a" } };
  const b = { id: "2", activity: "m/check", kind: "check", payload: { question: "q1", option: "b" } };
  const other = { id: "3", activity: "m/check", kind: "check", payload: { question: "q2", option: "a" } };
  assert.deepEqual(enqueue([a, other], b).map((e) => e.id), ["3", "2"]);
  assert.deepEqual(enqueue([a, other], b, "1").map((e) => e.id), ["1", "3", "2"]);
});

test("payloads are checked against the room's activities before queueing", () => {
  assert.equal(payloadProblem(ACTIVITIES, "m/check", "check", { question: "q1", option: "b" }), null);
  assert.match(payloadProblem(ACTIVITIES, "m/nope", "check", {}), /does not collect/);
  assert.match(payloadProblem(ACTIVITIES, "m/check", "poll", {}), /is a check/);
  assert.match(payloadProblem(ACTIVITIES, "m/check", "check", { question: "q9", option: "a" }), /no question/);
  assert.match(payloadProblem(ACTIVITIES, "m/sort", "sort", { item: "i1", category: "x" }), /no category/);
});

// --- the stateful client ---

test("join then submit sends the answer once, with the participant token", async () => {
  const { client, server } = setup();
  await client.join("k7q-x4m");
  const id = client.submit("m/check", "check", { question: "q1", option: "b" });
  await client.flush();
  assert.equal(server.accepted, 1);
  const sent = JSON.parse(server.submissionRequests[0].init.body);
  assert.deepEqual(sent, { id, activity: "m/check", kind: "check", payload: { question: "q1", option: "b" } });
  assert.equal(server.submissionRequests[0].init.headers.Authorization, "Bearer token-1");
  assert.deepEqual(
    [client.status().queued, client.status().sent, client.status().connection],
    [0, 1, "ready"],
  );
});

test("not in a room: submit is a no-op; a bad code is refused without a request", async () => {
  const { client, server } = setup();
  assert.equal(client.submit("m/poll", "poll", { option: "x" }), null);
  await assert.rejects(client.join("nope"), /not a room code/);
  assert.equal(server.requests.length, 0);
});

test("offline answers wait in storage, survive a reload and are sent once on reconnect", async () => {
  const { client, server, storage, timers, options } = setup();
  await client.join("K7QX4M");
  server.mode = "offline";
  client.submit("m/check", "check", { question: "q1", option: "a" });
  client.submit("m/poll", "poll", { option: "y" });
  await client.flush();
  assert.equal(client.status().connection, "offline");
  assert.equal(client.status().queued, 2);
  assert.equal(timers.queue.length, 1, "one retry is scheduled");
  assert.equal(JSON.parse(storage.getItem("equitykit-room")).outbox.length, 2);

  // the page is reloaded while still offline, then the network comes back
  const reloaded = createRoomClient({ ...options, timers: new FakeTimers() });
  assert.equal(reloaded.status().queued, 2);
  server.mode = "up";
  await reloaded.flush();
  assert.equal(server.accepted, 2);
  assert.equal(reloaded.status().queued, 0);
  assert.equal(server.joins, 1, "no second participant was created");
  // the first page's scheduled retry fires later: nothing is left to send, nothing doubles
  timers.runAll();
  await client.flush();
  assert.equal(server.accepted, 2);
});

test("a reply lost after the server stored the answer is resent with the same id, counted once", async () => {
  const { client, server, timers } = setup();
  await client.join("K7QX4M");
  server.mode = "lose-reply";
  client.submit("m/check", "check", { question: "q2", option: "a" });
  await client.flush();
  assert.equal(client.status().queued, 1);
  server.mode = "up";
  timers.runAll();
  await client.flush();
  const ids = server.submissionRequests.map((r) => JSON.parse(r.init.body).id);
  assert.equal(ids.length, 2);
  assert.equal(ids[0], ids[1], "the resend carries the same id");
  assert.equal(server.accepted, 1);
  assert.equal(client.status().queued, 0);
});

test("retries back off and honour Retry-After from a 429", async () => {
  const { client, server, timers } = setup();
  await client.join("K7QX4M");
  server.nextStatus = [429, { error: "rate_limited", message: "slow down" }, { "Retry-After": "4" }];
  client.submit("m/poll", "poll", { option: "x" });
  await client.flush();
  assert.equal(client.status().connection, "retrying");
  assert.equal(client.status().lastError.error, "rate_limited");
  assert.deepEqual(timers.delays, [4000]);
  server.mode = "offline";
  timers.runAll();
  await client.flush();
  assert.deepEqual(timers.delays, [750], "the second retry waits longer than the first's backoff");
  server.mode = "up";
  timers.runAll();
  await client.flush();
  assert.equal(server.accepted, 1);
});

test("a changed answer while offline sends only the newest one", async () => {
  const { client, server } = setup();
  await client.join("K7QX4M");
  server.mode = "offline";
  client.submit("m/check", "check", { question: "q1", option: "a" });
  await client.flush();
  client.submit("m/check", "check", { question: "q1", option: "c" });
  await client.flush();
  assert.equal(client.status().queued, 1);
  server.mode = "up";
  await client.flush();
  assert.deepEqual([...server.answers.values()], [JSON.stringify({ question: "q1", option: "c" })]);
});

test("a refused answer is dropped and the queue goes on", async () => {
  const { client, server } = setup();
  await client.join("K7QX4M");
  server.mode = "offline";
  client.submit("m/poll", "poll", { option: "x" });
  client.submit("m/sort", "sort", { item: "i1", category: "adaptive" });
  await client.flush();
  server.mode = "up";
  server.nextStatus = [422, { error: "unknown_option", message: "no option x" }];
  await client.flush();
  assert.equal(client.status().rejected, 1);
  assert.equal(client.status().queued, 0);
  assert.equal(server.accepted, 1);
  assert.throws(() => client.submit("m/check", "check", { question: "q1", option: "z" }), /no option z/);
});

test("a closed room stops the queue; a lost token asks to join again and keeps the answers", async () => {
  const { client, server } = setup();
  await client.join("K7QX4M");
  server.tokens.clear(); // e.g. the server's data was reset
  client.submit("m/poll", "poll", { option: "y" });
  await client.flush();
  assert.equal(client.status().connection, "needs-join");
  assert.equal(client.status().queued, 1);
  await client.join("K7QX4M");
  await client.flush();
  assert.equal(server.accepted, 1);

  server.nextStatus = [410, { error: "room_closed", message: "closed by the coach" }];
  client.submit("m/poll", "poll", { option: "x" });
  await client.flush();
  assert.equal(client.status().connection, "closed");
  assert.equal(client.submit("m/poll", "poll", { option: "x" }), null);
});

test("status listeners hear every change; a broken listener does not stop the queue", async () => {
  const { client, server } = setup();
  const seen = [];
  client.onStatus(() => {
    throw new Error("widget bug");
  });
  const off = client.onStatus((s) => seen.push(s.connection));
  await client.join("K7QX4M");
  client.submit("m/poll", "poll", { option: "x" });
  await client.flush();
  assert.equal(server.accepted, 1);
  assert.ok(seen.includes("sending") && seen.at(-1) === "ready", seen.join(","));
  off();
});

test("storage that throws still lets answers through from memory", async () => {
  const broken = {
    getItem() {
      throw new Error("blocked");
    },
    setItem() {
      throw new Error("quota");
    },
  };
  const { client, server } = setup({ storage: broken });
  await client.join("K7QX4M");
  client.submit("m/r1", "reflection", { text: "Start with the counsellors" });
  await client.flush();
  assert.equal(server.accepted, 1);
});

test("rejoining the same room after a reload reuses the participant", async () => {
  const { client, server, options } = setup();
  await client.join("K7QX4M");
  const again = createRoomClient({ ...options, timers: new FakeTimers() });
  await again.join("K7QX4M");
  assert.equal(server.joins, 1);
});

test("the coach client long-polls and reports each new version", async () => {
  const calls = [];
  let version = 3;
  const fetch = async (url, init) => {
    calls.push({ url, auth: init.headers.Authorization });
    if (calls.length > 3) return new Promise(() => {}); // the next long-poll hangs until stopped
    version += calls.length > 1 ? 1 : 0;
    return jsonResponse(200, { version, participants: 2 });
  };
  const coach = createCoachClient({ baseUrl: "http://room.test", code: "K7QX4M", coachToken: "c0ach", fetch });
  const views = [];
  const watcher = coach.watch((v) => views.push(v.version), { wait: 25 });
  await new Promise((resolve) => setTimeout(resolve, 20));
  watcher.stop();
  assert.deepEqual(views, [3, 4, 5]);
  assert.match(calls[0].url, /\/api\/rooms\/K7QX4M\/aggregates$/);
  assert.match(calls[1].url, /since=3&wait=25$/);
  assert.ok(calls.every((c) => c.auth === "Bearer c0ach"));
});

test("the coach client turns error replies into RoomClientError", async () => {
  const fetch = async () => jsonResponse(403, { error: "forbidden", message: "only the coach" });
  const coach = createCoachClient({ code: "K7QX4M", coachToken: "x", fetch });
  await assert.rejects(coach.view(), (err) => err.status === 403 && err.error === "forbidden");
});
