// The live room's browser client: join a room with its code, queue answers, send them.
//
// Participants: `createRoomClient({baseUrl, storage, fetch})` returns
//   {join(code), submit(activityKey, kind, payload), flush(), status(), onStatus(fn), leave()}.
// Answers wait in an outbox kept in `storage` (localStorage by default), so they survive going
// offline and reloading the page; each has an id made here, so a resend after a lost reply is
// counted once by the server. A newer answer to the same question replaces a queued older one.
//
// Coaches: `createCoachClient({baseUrl, code, coachToken, fetch})` returns
//   {view(), watch(onView), setShown(textId, shown), exportCsv(), close()}
// for a presenter page; `watch` long-polls so the view updates within a second of a change.
//
// The pure functions below are exported for tests and for the widgets.

export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 6;
export const STORAGE_KEY = "equitykit-room";

/** A typed code, upper-cased, without spaces or dashes; null if it cannot be a room code. */
export function normalizeCode(text) {
  if (typeof text !== "string") return null;
  const code = text.trim().toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== CODE_LENGTH) return null;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/** The room code in a link such as `http://host/?room=K7QX4M` or `#room=K7QX4M`, or null. */
export function roomCodeFromUrl(url) {
  let parsed;
  try {
    parsed = new URL(String(url));
  } catch {
    return null;
  }
  const fromQuery = parsed.searchParams.get("room");
  const fromHash = new URLSearchParams(parsed.hash.replace(/^#/, "")).get("room");
  return normalizeCode(fromQuery ?? fromHash ?? "");
}

/** A new submission id: 22 URL-safe random characters. */
export function newSubmissionId(getRandomValues = (a) => globalThis.crypto.getRandomValues(a)) {
  const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const bytes = getRandomValues(new Uint8Array(22));
  let id = "";
  for (const b of bytes) id += abc[b & 63];
  return id;
}

/** Milliseconds to wait before retry number `attempt` (0, 1, 2...): doubling, jittered, capped. */
export function backoffDelay(attempt, { base = 500, max = 30000, random = Math.random } = {}) {
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Milliseconds from a `Retry-After` header (seconds or an HTTP date), or null. */
export function retryAfterMs(value, now = Date.now()) {
  if (value == null || value === "") return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * What to do after the server answered a submission with `status` (0: no answer at all).
 * "ok": stored (201) or already stored (200); "retry": try again later; "drop": the server
 * will never take this one; "gone": the room is closed, expired or unknown; "rejoin": the
 * participant token is no longer valid.
 */
export function classifyResponse(status, body = null) {
  if (status === 200 || status === 201) return "ok";
  if (status === 0 || status === 408 || status === 429 || status >= 500) return "retry";
  if (status === 410) return "gone";
  if (status === 404 && body && body.error === "unknown_room") return "gone";
  if (status === 401 || status === 403) return "rejoin";
  return "drop";
}

/** The question or item an answer is about ("" for polls and reflections). */
export function itemOf(kind, payload) {
  if (kind === "check") return String(payload.question);
  if (kind === "sort") return String(payload.item);
  return "";
}

/**
 * Add `entry` to `outbox` (a new array): a queued, unsent answer to the same activity and
 * item is replaced, so only the newest answer travels; an entry in flight is left alone.
 */
export function enqueue(outbox, entry, inFlightId = null) {
  const same = (e) =>
    e.activity === entry.activity && itemOf(e.kind, e.payload) === itemOf(entry.kind, entry.payload);
  return [...outbox.filter((e) => e.id === inFlightId || !same(e)), entry];
}

/** A local check of a payload against the room's activities; returns an error text or null. */
export function payloadProblem(activities, activityKey, kind, payload) {
  const spec = activities && activities[activityKey];
  if (!spec) return `this room does not collect ${activityKey}`;
  if (spec.kind !== kind) return `${activityKey} is a ${spec.kind}, not a ${kind}`;
  if (!payload || typeof payload !== "object") return "the payload must be an object";
  if (kind === "check") {
    const options = spec.questions[payload.question];
    if (!options) return `no question ${payload.question}`;
    if (!options.includes(payload.option)) return `no option ${payload.option}`;
  } else if (kind === "poll") {
    if (!spec.options.includes(payload.option)) return `no option ${payload.option}`;
  } else if (kind === "sort") {
    if (!spec.items.includes(payload.item)) return `no item ${payload.item}`;
    if (!spec.categories.includes(payload.category)) return `no category ${payload.category}`;
  } else if (typeof payload.text !== "string") {
    return "a reflection needs text";
  }
  return null;
}

export class RoomClientError extends Error {
  constructor(status, error, message) {
    super(message);
    this.status = status;
    this.error = error;
  }
}

function apiUrl(baseUrl, path) {
  return `${String(baseUrl || "").replace(/\/$/, "")}/api${path}`;
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function emptyState() {
  return { code: null, token: null, activities: null, outbox: [], sent: 0, rejected: [] };
}

/**
 * A participant's connection to one room.
 *
 * @param {object} options
 * @param {string} [options.baseUrl] Server origin ("" for the page's own).
 * @param {Storage} [options.storage] Where the token and outbox live (localStorage).
 * @param {Function} [options.fetch] The fetch function.
 * @param {object} [options.timers] {setTimeout, clearTimeout}, for tests.
 * @param {Function} [options.random] Math.random, for the backoff jitter.
 * @param {Function} [options.makeId] Makes submission ids.
 * @param {string} [options.storageKey] The storage key (one per room client).
 */
export function createRoomClient({
  baseUrl = "",
  storage = globalThis.localStorage,
  fetch = globalThis.fetch,
  timers = globalThis,
  random = Math.random,
  makeId = newSubmissionId,
  storageKey = STORAGE_KEY,
} = {}) {
  const listeners = new Set();
  let state = load();
  let connection = state.token ? "ready" : "none";
  let lastError = null;
  let attempt = 0;
  let timer = null;
  let nextRetryAt = null;
  let flushing = null;
  let inFlightId = null;

  function load() {
    try {
      const raw = storage && storage.getItem(storageKey);
      const parsed = raw ? JSON.parse(raw) : null;
      if (parsed && Array.isArray(parsed.outbox)) return { ...emptyState(), ...parsed };
    } catch {
      // unreadable storage: start afresh, in memory
    }
    return emptyState();
  }

  function save() {
    try {
      if (storage) storage.setItem(storageKey, JSON.stringify(state));
    } catch {
      // storage full or blocked: the outbox still lives in memory for this page
    }
  }

  function status() {
    return {
      connection,
      code: state.code,
      joined: Boolean(state.token),
      queued: state.outbox.length,
      sent: state.sent,
      rejected: state.rejected.length,
      lastError,
      nextRetryAt,
    };
  }

  function emit() {
    const snapshot = status();
    for (const fn of listeners) {
      try {
        fn(snapshot);
      } catch {
        // one listener's error must not stop the others or the queue
      }
    }
  }

  function scheduleRetry(delay) {
    if (timer !== null) timers.clearTimeout(timer);
    nextRetryAt = Date.now() + delay;
    timer = timers.setTimeout(() => {
      timer = null;
      nextRetryAt = null;
      flush();
    }, delay);
  }

  async function join(codeText) {
    const code = normalizeCode(codeText);
    if (!code) throw new RoomClientError(0, "bad_code", `"${codeText}" is not a room code`);
    if (state.code === code && state.token) {
      flush();
      return { code, activities: state.activities };
    }
    let response;
    try {
      response = await fetch(apiUrl(baseUrl, `/rooms/${code}/join`), { method: "POST" });
    } catch {
      throw new RoomClientError(0, "offline", "cannot reach the room; check the network");
    }
    const body = await readJson(response);
    if (response.status !== 201 || !body) {
      throw new RoomClientError(
        response.status,
        (body && body.error) || "join_failed",
        (body && body.message) || `joining failed (${response.status})`,
      );
    }
    const carried = state.code === code ? state.outbox : [];
    state = { ...emptyState(), code, token: body.participant_token, activities: body.room.activities };
    state.outbox = carried;
    connection = "ready";
    lastError = null;
    save();
    emit();
    flush();
    return { code, activities: state.activities };
  }

  function submit(activityKey, kind, payload) {
    if (!state.code) return null; // not in a room: the answer stays only in the learner's browser
    if (connection === "closed") return null;
    if (state.activities) {
      const problem = payloadProblem(state.activities, activityKey, kind, payload);
      if (problem) throw new RoomClientError(0, "invalid_submission", problem);
    }
    const entry = { id: makeId(), activity: activityKey, kind, payload: { ...payload } };
    state.outbox = enqueue(state.outbox, entry, inFlightId);
    save();
    emit();
    flush();
    return entry.id;
  }

  async function sendOne(entry) {
    let response;
    try {
      response = await fetch(apiUrl(baseUrl, `/rooms/${state.code}/submissions`), {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${state.token}` },
        body: JSON.stringify({
          id: entry.id,
          activity: entry.activity,
          kind: entry.kind,
          payload: entry.payload,
        }),
      });
    } catch {
      return { verdict: "retry", status: 0, body: null, retryAfter: null };
    }
    const body = await readJson(response);
    const retryAfter = retryAfterMs(response.headers && response.headers.get("Retry-After"));
    return { verdict: classifyResponse(response.status, body), status: response.status, body, retryAfter };
  }

  async function drain() {
    while (state.token && state.outbox.length && connection !== "closed") {
      const entry = state.outbox[0];
      inFlightId = entry.id;
      connection = "sending";
      emit();
      const { verdict, status: code, body, retryAfter } = await sendOne(entry);
      inFlightId = null;
      if (verdict === "ok" || verdict === "drop") {
        state.outbox = state.outbox.filter((e) => e.id !== entry.id);
        if (verdict === "ok") state.sent += 1;
        else state.rejected = [...state.rejected, { ...entry, status: code, error: body && body.error }].slice(-50);
        lastError = verdict === "ok" ? lastError : { status: code, error: body && body.error, message: body && body.message };
        attempt = 0;
        save();
        continue;
      }
      lastError = {
        status: code,
        error: (body && body.error) || (code === 0 ? "offline" : "error"),
        message: (body && body.message) || (code === 0 ? "cannot reach the room" : `status ${code}`),
      };
      if (verdict === "gone") {
        connection = "closed";
        save();
        break;
      }
      if (verdict === "rejoin") {
        state.token = null; // keep the outbox: join(code) again sends it
        connection = "needs-join";
        save();
        break;
      }
      connection = code === 0 ? "offline" : "retrying";
      const delay = Math.max(backoffDelay(attempt, { random }), retryAfter ?? 0);
      attempt += 1;
      scheduleRetry(delay);
      emit();
      return;
    }
    if (connection === "sending") connection = "ready";
    emit();
  }

  function flush() {
    if (flushing) return flushing;
    if (timer !== null) {
      timers.clearTimeout(timer);
      timer = null;
      nextRetryAt = null;
    }
    flushing = drain().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  function onStatus(fn) {
    listeners.add(fn);
    return () => listeners.delete(fn);
  }

  function leave() {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    state = emptyState();
    connection = "none";
    lastError = null;
    save();
    emit();
  }

  if (typeof globalThis.addEventListener === "function" && typeof globalThis.window !== "undefined") {
    globalThis.addEventListener("online", () => flush());
  }
  if (state.token && state.outbox.length) Promise.resolve().then(flush);

  return { join, submit, flush, status, onStatus, leave };
}

/**
 * The coach's side of a room, for a presenter page.
 *
 * @param {object} options
 * @param {string} options.code The room code.
 * @param {string} options.coachToken The coach token (keep it out of URLs sent to the server).
 */
export function createCoachClient({
  baseUrl = "",
  code,
  coachToken,
  fetch = globalThis.fetch,
  timers = globalThis,
  random = Math.random,
}) {
  const headers = { Authorization: `Bearer ${coachToken}` };

  async function call(path, init = {}) {
    const response = await fetch(apiUrl(baseUrl, `/rooms/${code}${path}`), {
      ...init,
      headers: { ...headers, ...(init.headers || {}) },
    });
    if (!response.ok) {
      const body = await readJson(response);
      throw new RoomClientError(
        response.status,
        (body && body.error) || "error",
        (body && body.message) || `status ${response.status}`,
      );
    }
    return response;
  }

  async function view(since = null, wait = 0, signal = undefined) {
    const query = since === null ? "" : `?since=${since}&wait=${wait}`;
    return (await call(`/aggregates${query}`, { signal })).json();
  }

  /** Call onView(view) now and after every change; returns stop(). */
  function watch(onView, { wait = 25, onError = () => {} } = {}) {
    let stopped = false;
    let version = null;
    let failures = 0;
    let controller = null;
    let pending = null;
    async function loop() {
      while (!stopped) {
        controller = typeof AbortController === "function" ? new AbortController() : null;
        try {
          const next = await view(version, version === null ? 0 : wait, controller?.signal);
          failures = 0;
          if (version === null || next.version !== version) onView(next);
          version = next.version;
        } catch (err) {
          if (stopped) return;
          onError(err);
          if (err instanceof RoomClientError && [403, 404, 410].includes(err.status)) return;
          await new Promise((resolve) => {
            pending = timers.setTimeout(resolve, backoffDelay(failures, { random, max: 10000 }));
          });
          failures += 1;
        }
      }
    }
    const done = loop();
    return {
      done,
      stop() {
        stopped = true;
        if (pending !== null) timers.clearTimeout(pending);
        if (controller) controller.abort();
      },
    };
  }

  async function setShown(textId, shown) {
    return (
      await call(`/texts/${textId}`, {
        method: "PATCH",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ shown: Boolean(shown) }),
      })
    ).json();
  }

  async function exportCsv() {
    return (await call("/export.csv")).text();
  }

  async function close() {
    return (await call("/close", { method: "POST" })).text();
  }

  return { view, watch, setShown, exportCsv, close };
}
