// The learner's journal as a document: the text of each saved activity, and the one export
// of the whole journal, to Markdown (to read and keep) and to JSON (to move to another device).
// The capstone plan uses the same text of earlier work, so what the learner reads in the plan
// and in the journal is written by one function.

import { courseProgress, progressSummaryMarkdown } from "./completion.js";
import { isRecord, quote, spoken } from "./text.js";

export const JOURNAL_FORMAT = "equitykit-journal";
export const JOURNAL_VERSION = 2;
export const NOT_A_CREDENTIAL =
  "This summary is a record for you, made from your own saved answers. No one has " +
  "checked or graded it.";

function lines(header, rows) {
  return rows.length ? [header, ...rows].join("\n") : null;
}

function given(text) {
  return typeof text === "string" && text.trim() !== "";
}

// The readable text of one activity's saved work, or null when there is none. `part` picks
// one prompt of a reflection (the plan's earlier work may name a single prompt).
export function activityText(activity, value, part = null) {
  if (!isRecord(value)) return null;
  const parts = activity.parts || [];
  switch (activity.widget) {
    case "reflection":
    case "plan": {
      const texts = isRecord(value[activity.widget === "plan" ? "sections" : "texts"])
        ? value[activity.widget === "plan" ? "sections" : "texts"]
        : {};
      if (part !== null) return given(texts[part]) ? texts[part].trim() : null;
      const blocks = parts.filter((p) => given(texts[p.id])).map((p) => `**${p.label}**\n\n${quote(texts[p.id])}`);
      return blocks.length ? blocks.join("\n\n") : null;
    }
    case "knowledge_check": {
      const answers = isRecord(value.answers) ? value.answers : {};
      const rows = [];
      for (const p of parts) {
        const answer = answers[p.id];
        if (!isRecord(answer) || !(answer.option in (p.options || {}))) continue;
        const verdict = answer.option === p.correct ? "correct" : "not yet correct";
        rows.push(`- ${p.label} You chose \u201c${p.options[answer.option]}\u201d: ${verdict}.`);
      }
      return lines("Your answers:", rows);
    }
    case "sorting": {
      const choices = isRecord(value.choices) ? value.choices : {};
      const rows = parts
        .filter((p) => typeof choices[p.id] === "string")
        .map((p) => `- ${p.label} You sorted it as ${choices[p.id]}${choices[p.id] === p.answer ? "" : `; the course reads it as ${p.answer}`}.`);
      return lines("How you sorted the cases:", rows);
    }
    case "coalition_map": {
      const people = (Array.isArray(value.people) ? value.people : []).filter(isRecord);
      const rows = people.map((p) => `- ${p.name ?? ""}${p.role ? ` (${p.role})` : ""}: ${p.readiness} and ${p.influence} on the map's two scales`);
      return lines("People on your map:", rows);
    }
    case "capacity_planner": {
      const initiatives = Array.isArray(value.initiatives) ? value.initiatives : [];
      const assigned = isRecord(value.assigned) ? value.assigned : {};
      const rows = initiatives.map((i) => {
        const people = Array.isArray(assigned[i]) ? assigned[i] : [];
        return `- ${i}: ${people.length ? people.join(", ") : "no one yet"}`;
      });
      return lines("Who carries each initiative:", rows);
    }
    case "worksheet":
    case "lens_review": {
      const answers = isRecord(value.answers) ? value.answers : {};
      const rows = [];
      for (const p of parts) {
        const fields = isRecord(answers[p.id]) ? answers[p.id] : {};
        for (const [field, answer] of Object.entries(fields)) {
          if (!given(String(answer ?? ""))) continue;
          const label = (p.fields && p.fields[field]) || spoken(field);
          rows.push(`- ${p.label}, ${label}: ${String(answer).trim()}`);
        }
      }
      return lines("Your worksheet answers:", rows);
    }
    case "policy_review": {
      const ratings = isRecord(value.ratings) ? value.ratings : {};
      const rows = [];
      for (const p of parts) {
        const r = ratings[p.id];
        if (!isRecord(r) || r.level === null || r.level === undefined) continue;
        const reason = given(r.reason) ? ` (${r.reason.trim()})` : "";
        rows.push(`- ${p.label}: level ${r.level}${reason}`);
      }
      return lines("Your ratings of the policy excerpts:", rows);
    }
    case "task": {
      if (!given(value.text)) return null;
      const scores = isRecord(value.scores) ? value.scores : {};
      const rows = parts.filter((p) => Number.isInteger(scores[p.id])).map((p) => `- ${p.label}: ${scores[p.id]} of 3`);
      return [quote(value.text), ...(rows.length ? ["", "Your scores against the rubric:", ...rows] : [])].join("\n");
    }
    case "checklist": {
      const checked = isRecord(value.checked) ? value.checked : {};
      const gaps = isRecord(value.gaps) ? value.gaps : {};
      const done = parts.filter((p) => checked[p.id] === true).map((p) => `- ${p.label}`);
      const todo = parts
        .filter((p) => checked[p.id] !== true && isRecord(gaps[p.id]))
        .map((p) => {
          const notes = Object.values(gaps[p.id]).map((v) => String(v ?? "").trim()).filter(Boolean);
          return notes.length ? `- ${p.label} (${notes.join(", ")})` : null;
        })
        .filter(Boolean);
      const out = [];
      if (done.length) out.push("Already true:", ...done);
      if (todo.length) out.push(...(out.length ? [""] : []), "Gaps, with who and when:", ...todo);
      return out.length ? out.join("\n") : null;
    }
    default:
      return null;
  }
}

// The whole journal as Markdown: a title, the progress summary, then each module's work.
export function journalMarkdown(outline, store, exportedOn) {
  const progress = courseProgress(outline, store);
  const out = [
    "# My learning journal",
    "",
    `Exported ${exportedOn}. It was made from your saved work; nothing in it was sent anywhere.`,
    "",
    progressSummaryMarkdown(progress).replace(/\n+$/, ""),
    "",
    NOT_A_CREDENTIAL,
    "",
  ];
  for (const module of outline) {
    const body = [];
    for (const activity of module.activities) {
      const text = activityText(activity, store[activity.key]);
      if (text !== null) body.push(`### ${activity.title}`, "", text, "");
    }
    if (body.length) out.push(`## ${module.label || module.title}`, "", ...body);
  }
  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}

// The whole journal as JSON, for moving it to another browser or device.
export function journalJSON(outline, store, exportedAt) {
  const known = new Set(outline.flatMap((m) => m.activities.map((a) => a.key)));
  const items = {};
  for (const [key, value] of Object.entries(store)) if (known.has(key) && isRecord(value)) items[key] = value;
  return `${JSON.stringify({ format: JOURNAL_FORMAT, version: JOURNAL_VERSION, exported_at: exportedAt, items }, null, 2)}\n`;
}

// Read a journal file made by journalJSON (on another device or browser). Refuses a damaged
// file, another program's file or a newer format with a message for the learner; keeps only
// the items of this course. Returns {ok: true, items} or {ok: false, message}.
export function parseJournalFile(text, outline) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: "This file is damaged or is not a journal file (it is not readable JSON). Nothing was changed." };
  }
  if (!isRecord(data) || data.format !== JOURNAL_FORMAT) {
    return { ok: false, message: "This is not a journal file from this course (choose the .json file made by \u201cDownload my journal as a file to move\u201d). Nothing was changed." };
  }
  if (data.version !== JOURNAL_VERSION) {
    const newer = typeof data.version === "number" && data.version > JOURNAL_VERSION;
    return { ok: false, message: newer ? "This journal file was made by a newer version of the course; open it there. Nothing was changed." : "This journal file's format is not one this course reads. Nothing was changed." };
  }
  if (!isRecord(data.items)) return { ok: false, message: "This journal file has no saved work in it. Nothing was changed." };
  const known = new Set(outline.flatMap((m) => m.activities.map((a) => a.key)));
  const items = {};
  for (const [key, value] of Object.entries(data.items)) if (known.has(key) && isRecord(value)) items[key] = value;
  if (!Object.keys(items).length) return { ok: false, message: "This journal file holds no work for this course. Nothing was changed." };
  return { ok: true, items };
}

function stamp(value) {
  return isRecord(value) && typeof value.saved_at === "string" ? value.saved_at : "";
}

// Merge imported items into the saved ones without overwriting newer work: an item is taken
// when nothing is saved under its key here or the file's copy is newer. Returns the items to
// write and the keys kept because the work here is newer (or the same).
export function mergeJournal(existing, imported) {
  const write = {};
  const kept = [];
  for (const [key, value] of Object.entries(imported)) {
    const here = existing[key];
    if (!isRecord(here) || stamp(value) > stamp(here)) write[key] = value;
    else kept.push(key);
  }
  return { write, kept };
}
