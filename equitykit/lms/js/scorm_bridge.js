// The bridge between the course's store and an LMS's SCORM API: every rule as a pure function.
//
// One SCO is one module. What counts as done and how a task is scored are the course's own
// rules (widgets/js/lib/completion.js); this file only turns their results into the values a
// SCORM 2004 or SCORM 1.2 LMS records, and the learner's saved work for the module into
// `cmi.suspend_data` (and back). The browser side that calls the LMS is sco.js.

import { courseProgress } from "../../widgets/js/lib/completion.js";
import { isRecord } from "../../widgets/js/lib/text.js";

// What each standard allows (SCORM 2004 4th edition RTE: suspend_data SPM 64000 characters,
// location 1000; SCORM 1.2 RTE: suspend_data CMIString4096, lesson_location CMIString255).
export const STANDARDS = {
  "2004": { suspendLimit: 64000, locationLimit: 1000 },
  "1.2": { suspendLimit: 4096, locationLimit: 255 },
};

const PLAIN = "j1:";
const PACKED = "z1:";

function round4(x) {
  return Math.round(x * 10000) / 10000;
}

// The module's result from the learner's saved work: completion, success and score.
//   completion: "completed" when every activity that saves work is done (the progress rule);
//   score: raw = right answers in the knowledge check + points the learner gave their task
//          against its rubric; max = questions + 3 points per rubric criterion;
//          scaled = raw / max, rounded to 4 decimals (null when the module has neither);
//   success: "unknown" until every question is answered and every criterion scored, then
//            "passed" when scaled >= passing and the task meets its own pass mark, else "failed".
export function moduleResult(module, store, passing) {
  const [progress] = courseProgress([module], store || {});
  let raw = 0;
  let max = 0;
  let ready = true;
  let taskMet = true;
  let scoredActivities = 0;
  for (const state of progress.activities) {
    if (state.widget === "knowledge_check") {
      raw += state.counts.correct;
      max += state.counts.total;
      ready = ready && state.counts.answered === state.counts.total;
      scoredActivities += 1;
    } else if (state.widget === "task") {
      raw += state.counts.score;
      max += state.counts.max;
      ready = ready && state.counts.complete;
      taskMet = taskMet && state.counts.met;
      scoredActivities += 1;
    }
  }
  const scaled = max > 0 ? round4(raw / max) : null;
  let success = "unknown";
  if (scoredActivities > 0 && ready) success = scaled >= passing && taskMet ? "passed" : "failed";
  const done = progress.activities.filter((a) => a.done).length;
  return {
    completion: progress.done ? "completed" : "incomplete",
    success,
    scaled,
    raw,
    max,
    progress: progress.activities.length ? round4(done / progress.activities.length) : 0,
    activities: progress.activities.map((a) => ({ key: a.key, title: a.title, done: a.done })),
  };
}

// What the LMS already recorded is never lowered by a later session: a module once completed
// stays completed, once passed stays passed, and the best score is kept. (Work that did not fit
// in the LMS's suspend data and is opened on another device would otherwise lower them.)
export function neverLower(previous, current) {
  const prev = isRecord(previous) ? previous : {};
  const out = { ...current };
  if (prev.completion === "completed") out.completion = "completed";
  if (prev.success === "passed") out.success = "passed";
  if (typeof prev.scaled === "number" && (out.scaled === null || prev.scaled > out.scaled)) {
    out.scaled = prev.scaled;
    if (typeof prev.raw === "number") out.raw = prev.raw;
    if (typeof prev.max === "number") out.max = prev.max;
  }
  return out;
}

// The passing score: the LMS's cmi.scaled_passing_score (from the manifest) when it gives a
// valid one, otherwise the one shipped with the package.
export function passingScore(fromLms, shipped) {
  const value = Number.parseFloat(fromLms);
  return Number.isFinite(value) && value >= -1 && value <= 1 && String(fromLms).trim() !== "" ? value : shipped;
}

// What the LMS recorded before, read back from its strings (missing values give nothing).
export function previousResult(standard, get) {
  if (standard === "1.2") {
    const status = get("cmi.core.lesson_status");
    const raw = Number.parseFloat(get("cmi.core.score.raw"));
    return {
      completion: ["completed", "passed", "failed"].includes(status) ? "completed" : "incomplete",
      success: status === "passed" ? "passed" : "unknown",
      scaled: Number.isFinite(raw) ? round4(raw / 100) : null,
    };
  }
  const scaled = Number.parseFloat(get("cmi.score.scaled"));
  const raw = Number.parseFloat(get("cmi.score.raw"));
  const max = Number.parseFloat(get("cmi.score.max"));
  return {
    completion: get("cmi.completion_status"),
    success: get("cmi.success_status"),
    scaled: Number.isFinite(scaled) ? scaled : null,
    raw: Number.isFinite(raw) ? raw : undefined,
    max: Number.isFinite(max) ? max : undefined,
  };
}

function seconds(ms) {
  return Math.max(0, Math.round((Number(ms) || 0) / 10)) / 100;
}

// SCORM 2004 session time (timeinterval, ISO 8601): 3723450 ms -> "PT1H2M3.45S".
export function sessionTime2004(ms) {
  let total = seconds(ms);
  const hours = Math.floor(total / 3600);
  total -= hours * 3600;
  const minutes = Math.floor(total / 60);
  const secs = Math.round((total - minutes * 60) * 100) / 100;
  let out = "PT";
  if (hours) out += `${hours}H`;
  if (minutes) out += `${minutes}M`;
  if (secs || out === "PT") out += `${secs}S`;
  return out;
}

// SCORM 1.2 session time (CMITimespan, HHHH:MM:SS.SS): 3723450 ms -> "0001:02:03.45".
export function sessionTime12(ms) {
  let total = Math.min(seconds(ms), 9999 * 3600 + 59 * 60 + 59.99);
  const hours = Math.floor(total / 3600);
  total -= hours * 3600;
  const minutes = Math.floor(total / 60);
  const secs = (total - minutes * 60).toFixed(2).padStart(5, "0");
  return `${String(hours).padStart(4, "0")}:${String(minutes).padStart(2, "0")}:${secs}`;
}

// The SCORM data model values for a result, in the order they are set.
export function cmiValues(result, standard, { suspend, location } = {}) {
  const values = [];
  if (standard === "1.2") {
    const status = result.success !== "unknown" ? result.success : result.completion;
    values.push(["cmi.core.lesson_status", status]);
    if (result.scaled !== null) {
      values.push(["cmi.core.score.raw", String(Math.round(Math.max(0, result.scaled) * 100))]);
      values.push(["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"]);
    }
    if (suspend !== undefined) values.push(["cmi.suspend_data", suspend]);
    if (location !== undefined) values.push(["cmi.core.lesson_location", location]);
    return values;
  }
  values.push(["cmi.completion_status", result.completion], ["cmi.success_status", result.success]);
  values.push(["cmi.progress_measure", String(result.progress)]);
  if (result.scaled !== null) {
    values.push(["cmi.score.scaled", String(result.scaled)], ["cmi.score.raw", String(result.raw)]);
    values.push(["cmi.score.min", "0"], ["cmi.score.max", String(result.max)]);
  }
  if (suspend !== undefined) values.push(["cmi.suspend_data", suspend]);
  if (location !== undefined) values.push(["cmi.location", location]);
  return values;
}

// The values set when the learner leaves: exit "suspend" (so the LMS offers the saved work
// on the next launch) and the time spent in this session.
export function exitValues(standard, ms) {
  return standard === "1.2"
    ? [["cmi.core.exit", "suspend"], ["cmi.core.session_time", sessionTime12(ms)]]
    : [["cmi.exit", "suspend"], ["cmi.session_time", sessionTime2004(ms)]];
}

// The module's saved work, picked from everything the browser holds.
export function moduleItems(module, all) {
  const out = {};
  for (const activity of module.activities) {
    if (isRecord(all[activity.key])) out[activity.key] = all[activity.key];
  }
  return out;
}

function toBase64(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function through(stream, bytes) {
  const piped = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

// Plain JSON, "j1:{...}": readable in the LMS's reports. Null when it does not fit.
export function encodePlain(items, limit) {
  const text = PLAIN + JSON.stringify(items);
  return text.length <= limit ? text : null;
}

// Compressed JSON, "z1:<base64 of deflate>": about a third of the plain size for prose.
export async function encodePacked(items) {
  const bytes = new TextEncoder().encode(JSON.stringify(items));
  return PACKED + toBase64(await through(new CompressionStream("deflate"), bytes));
}

// The module's work as cmi.suspend_data within `limit` characters. Plain JSON when it fits,
// compressed when not; when even that is too long, the largest activities are left out one
// by one (they stay in this browser) until the rest fits. Returns {text, kept, left}.
export async function encodeSuspend(items, limit) {
  const keys = Object.keys(items);
  const plain = encodePlain(items, limit);
  if (plain !== null) return { text: plain, kept: keys, left: [] };
  const kept = { ...items };
  const left = [];
  const bySize = [...keys].sort((a, b) => JSON.stringify(items[b]).length - JSON.stringify(items[a]).length || a.localeCompare(b));
  for (const key of [...bySize, null]) {
    const fits = encodePlain(kept, limit);
    if (fits !== null) return { text: fits, kept: Object.keys(kept), left };
    const packed = await encodePacked(kept);
    if (packed.length <= limit) return { text: packed, kept: Object.keys(kept), left };
    if (key === null) break;
    delete kept[key];
    left.push(key);
  }
  return { text: "", kept: [], left: keys };
}

// The work kept in cmi.suspend_data, back as {items, problem}. Empty data is no work; data
// this course did not write (another package, a damaged value) gives a problem, no items.
export async function decodeSuspend(text) {
  const value = typeof text === "string" ? text : "";
  if (value === "") return { items: {}, problem: null };
  try {
    let json;
    if (value.startsWith(PLAIN)) json = value.slice(PLAIN.length);
    else if (value.startsWith(PACKED)) {
      json = new TextDecoder().decode(await through(new DecompressionStream("deflate"), fromBase64(value.slice(PACKED.length))));
    } else return { items: {}, problem: "the LMS holds saved data this course did not write" };
    const items = JSON.parse(json);
    if (!isRecord(items)) throw new Error("not an object");
    const clean = {};
    for (const [key, item] of Object.entries(items)) if (isRecord(item)) clean[key] = item;
    return { items: clean, problem: null };
  } catch (error) {
    return { items: {}, problem: "the saved data in the LMS is damaged and could not be read" };
  }
}

function stamp(value) {
  return isRecord(value) && typeof value.saved_at === "string" ? value.saved_at : "";
}

// Work from the LMS and work in this browser, one per key: the newer save wins (by saved_at;
// the LMS's copy when they tie). Returns {values, fromLms: keys the LMS's copy won}.
export function mergeWork(local, restored) {
  const values = { ...local };
  const fromLms = [];
  for (const [key, value] of Object.entries(restored || {})) {
    if (!isRecord(value)) continue;
    if (!isRecord(values[key]) || stamp(value) >= stamp(values[key])) {
      if (JSON.stringify(values[key]) !== JSON.stringify(value)) fromLms.push(key);
      values[key] = value;
    }
  }
  return { values, fromLms };
}

// The page to remember (cmi.location): the path inside the package's site, or "" when the
// learner is outside it or the path is too long for the standard.
export function bookmark(siteRoot, href, limit) {
  const root = String(siteRoot);
  const page = String(href).split("#")[0].split("?")[0];
  if (!page.startsWith(root)) return "";
  const path = page.slice(root.length);
  return path.length <= limit && isSitePath(path) ? path : "";
}

function isSitePath(path) {
  return /^[A-Za-z0-9._/-]+\.html$/.test(path) && !path.split("/").includes("..") && !path.startsWith("/");
}

// Where to open the module: the remembered page when it is a page of the site, else its start.
export function resumePage(location, startPage) {
  return typeof location === "string" && isSitePath(location) ? location : startPage;
}

// What the learner reads about the LMS's copy of their work.
export function keptMessage(result, titles, limit) {
  if (!result.left.length) return "";
  const names = result.left.map((key) => titles[key] || key);
  return `Your LMS keeps up to ${limit.toLocaleString("en-US")} characters of saved work for this module, so it does not keep: ${names.join("; ")}. That work stays in this browser only; download your journal from the progress page to keep a copy.`;
}
