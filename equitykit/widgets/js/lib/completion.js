// What counts as done: the rules of the progress page, for every activity that saves work.
//
// The course outline (modules, their activities, each activity's parts) is computed in Python
// from module.yml and shipped with the page; the learner's saved work comes from the store.
// These are the only rules that decide progress; the progress page, the journal export and the
// completion summary all call them.

import { isRecord } from "./text.js";

export const CHECK_CORRECT = "correct";
export const CHECK_ANSWERED = "answered, not yet correct";
export const OPEN = "not started yet";
export const CHECK_OPEN = "not answered yet";
export const WRITTEN = "written";
export const NOT_WRITTEN = "not written yet";
export const SAVED = "saved";

function written(text) {
  return typeof text === "string" && text.trim() !== "";
}

function answeredFields(fields) {
  return isRecord(fields) && Object.values(fields).some((v) => written(String(v ?? "")));
}

// A performance task's score: the learner's own scores against the rubric.
// parts = the rubric's criteria ({id}); scores = {<criterion id>: 0..3}.
export function taskScore(parts, scores, passMark) {
  const given = parts.filter((p) => Number.isInteger(scores[p.id]) && scores[p.id] >= 0 && scores[p.id] <= 3);
  const score = given.reduce((sum, p) => sum + scores[p.id], 0);
  const max = 3 * parts.length;
  const complete = given.length === parts.length;
  return { score, max, scored: given.length, complete, met: complete && score >= passMark };
}

// A checklist gap is planned when its first field (who owns it) is filled in.
function checklistState(parts, value) {
  const checked = isRecord(value) && isRecord(value.checked) ? value.checked : {};
  const gaps = isRecord(value) && isRecord(value.gaps) ? value.gaps : {};
  const ticked = parts.filter((p) => checked[p.id] === true).length;
  const planned = parts.filter((p) => checked[p.id] !== true && isRecord(gaps[p.id]) && answeredFields(gaps[p.id])).length;
  return { total: parts.length, ticked, planned };
}

// One activity: {done, started, items: [{id, label, state}], counts}.
export function activityState(activity, value) {
  const saved = isRecord(value) ? value : null;
  const parts = activity.parts || [];
  const items = [];
  let done = false;
  const counts = {};
  switch (activity.widget) {
    case "knowledge_check": {
      const answers = saved && isRecord(saved.answers) ? saved.answers : {};
      let answered = 0;
      let correct = 0;
      for (const part of parts) {
        const answer = answers[part.id];
        const option = isRecord(answer) ? answer.option : undefined;
        let state = CHECK_OPEN;
        if (typeof option === "string" && option in (part.options || {})) {
          answered += 1;
          const right = option === part.correct;
          if (right) correct += 1;
          state = right ? CHECK_CORRECT : CHECK_ANSWERED;
        }
        items.push({ id: part.id, label: part.label, state });
      }
      Object.assign(counts, { total: parts.length, answered, correct });
      done = parts.length > 0 && answered === parts.length;
      break;
    }
    case "reflection":
    case "plan": {
      const texts = saved && isRecord(saved[activity.widget === "plan" ? "sections" : "texts"])
        ? saved[activity.widget === "plan" ? "sections" : "texts"]
        : {};
      let count = 0;
      for (const part of parts) {
        const ok = written(texts[part.id]);
        if (ok) count += 1;
        items.push({ id: part.id, label: part.label, state: ok ? WRITTEN : NOT_WRITTEN });
      }
      Object.assign(counts, { total: parts.length, written: count });
      done = parts.length > 0 && count === parts.length;
      break;
    }
    case "sorting": {
      const choices = saved && isRecord(saved.choices) ? saved.choices : {};
      const sorted = parts.filter((p) => typeof choices[p.id] === "string").length;
      const matched = parts.filter((p) => choices[p.id] === p.answer).length;
      Object.assign(counts, { total: parts.length, sorted, matched });
      done = parts.length > 0 && sorted === parts.length;
      break;
    }
    case "policy_review": {
      const ratings = saved && isRecord(saved.ratings) ? saved.ratings : {};
      const rated = parts.filter((p) => isRecord(ratings[p.id]) && ratings[p.id].level !== null && ratings[p.id].level !== undefined).length;
      Object.assign(counts, { total: parts.length, rated });
      done = parts.length > 0 && rated === parts.length;
      break;
    }
    case "worksheet":
    case "lens_review": {
      const answers = saved && isRecord(saved.answers) ? saved.answers : {};
      const answered = parts.filter((p) => answeredFields(answers[p.id])).length;
      // the lens review asks for at least two departments; a worksheet for every section
      const needed = activity.widget === "lens_review" ? Math.min(2, parts.length) : parts.length;
      Object.assign(counts, { total: parts.length, answered, needed });
      done = answered >= needed && needed > 0;
      break;
    }
    case "task": {
      const text = saved && typeof saved.text === "string" ? saved.text : "";
      const result = taskScore(parts, saved && isRecord(saved.scores) ? saved.scores : {}, activity.pass_mark || 0);
      Object.assign(counts, { ...result, written: written(text) });
      done = written(text) && result.complete;
      break;
    }
    case "checklist": {
      Object.assign(counts, checklistState(parts, saved));
      done = counts.total > 0 && counts.ticked + counts.planned === counts.total;
      break;
    }
    default: {
      // maps and planners: done once the learner has saved their own version
      const people = saved && Array.isArray(saved.people) ? saved.people.length : null;
      done = Boolean(saved) && (people === null || people > 0);
      Object.assign(counts, { saved: Boolean(saved) });
    }
  }
  const started = Boolean(saved);
  return { key: activity.key, title: activity.title, widget: activity.widget, done, started, counts, items };
}

// Every module: {slug, title, label, page, done, status, activities: [...]}.
export function courseProgress(outline, store) {
  return outline.map((module) => {
    const activities = module.activities.map((a) => activityState(a, store[a.key]));
    const done = activities.length > 0 && activities.every((a) => a.done);
    const started = activities.some((a) => a.started);
    return {
      slug: module.slug,
      title: module.title,
      label: module.label,
      page: module.page,
      done,
      status: done ? "done" : started ? "in progress" : "not started",
      activities,
    };
  });
}

// "3 of 6 answered, 2 correct" and similar, for one activity.
export function activitySummary(state) {
  const c = state.counts;
  switch (state.widget) {
    case "knowledge_check":
      return `${c.answered} of ${c.total} answered, ${c.correct} correct`;
    case "reflection":
    case "plan":
      return `${c.written} of ${c.total} written`;
    case "sorting":
      return `${c.sorted} of ${c.total} sorted`;
    case "policy_review":
      return `${c.rated} of ${c.total} rated`;
    case "worksheet":
    case "lens_review":
      return `${c.answered} of ${c.total} sections answered`;
    case "task":
      return c.complete ? `scored ${c.score} of ${c.max}${c.met ? ", meets the standard" : ""}` : c.written ? "written, not scored yet" : "not written yet";
    case "checklist":
      return `${c.ticked} of ${c.total} already true, ${c.planned} gaps planned`;
    default:
      return c.saved ? "saved" : "not saved yet";
  }
}

function cell(text) {
  return String(text).replaceAll("|", "\\|");
}

// The progress summary as Markdown: a line of totals and a table, one row per module.
export function progressSummaryMarkdown(progress) {
  const done = progress.filter((row) => row.done).length;
  const lines = [
    "## Progress summary",
    "",
    `${done} of ${progress.length} modules done.`,
    "",
    "| Module | Status | Activities done |",
    "| --- | --- | --- |",
  ];
  for (const row of progress) {
    const finished = row.activities.filter((a) => a.done).length;
    lines.push(`| ${cell(row.label || row.title)} | ${row.status} | ${finished} of ${row.activities.length} |`);
  }
  lines.push("");
  return lines.join("\n");
}
