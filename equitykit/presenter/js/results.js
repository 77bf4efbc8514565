// The room's answers, turned into what a slide draws. Pure functions: no DOM.
//
// `view` is the coach's view from the room (`GET /api/rooms/{code}/aggregates`, see
// equitykit/room/API.md); `room` is the deck's own texts for the activities it collects
// (question and option texts, items, prompts). What these return for a slide never says which
// option is correct: that is in the notes window only (`answerFor`).

function share(count, answered) {
  return answered > 0 ? count / answered : 0;
}

/** "40%" (whole percent), or "0%" when nobody answered. */
export function percent(value) {
  return `${Math.round((Number(value) || 0) * 100)}%`;
}

/** One knowledge check's questions with a count and share for every option, in deck order. */
export function checkResults(view, room, key) {
  const spec = room && room[key];
  if (!spec || spec.kind !== "check") return { answered: 0, questions: [] };
  const collected = (view && view.activities && view.activities[key]) || {};
  const counted = collected.questions || {};
  const questions = Object.entries(spec.questions).map(([id, question]) => {
    const got = counted[id] || {};
    const answered = Number(got.answered) || 0;
    const counts = got.counts || {};
    return {
      id,
      text: question.text,
      answered,
      shareBest: typeof got.share_correct === "number" ? got.share_correct : null,
      options: question.options.map((option) => ({
        id: option.id,
        text: option.text,
        count: Number(counts[option.id]) || 0,
        share: share(Number(counts[option.id]) || 0, answered),
      })),
    };
  });
  return { answered: Math.max(0, ...questions.map((q) => q.answered)), questions };
}

/** The `n` questions of this check that the fewest people got right (answered ones only). */
export function hardestQuestions(results, n = 2) {
  return results.questions
    .filter((q) => q.answered > 0 && q.shareBest !== null)
    .sort((a, b) => a.shareBest - b.shareBest || b.answered - a.answered)
    .slice(0, n);
}

/** A sort's items with a count and share per category; the most divided items first. */
export function sortResults(view, room, key) {
  const spec = room && room[key];
  if (!spec || spec.kind !== "sort") return { answered: 0, items: [] };
  const counted = ((view && view.activities && view.activities[key]) || {}).items || {};
  const items = Object.entries(spec.items).map(([id, text]) => {
    const got = counted[id] || {};
    const answered = Number(got.answered) || 0;
    const counts = got.counts || {};
    const categories = spec.categories.map((category) => ({
      id: category,
      count: Number(counts[category]) || 0,
      share: share(Number(counts[category]) || 0, answered),
    }));
    const top = Math.max(0, ...categories.map((c) => c.share));
    return { id, text, answered, categories, agreement: top };
  });
  const answered = Math.max(0, ...items.map((i) => i.answered));
  const ordered = [...items].sort((a, b) => {
    if ((a.answered > 0) !== (b.answered > 0)) return a.answered > 0 ? -1 : 1;
    return a.agreement - b.agreement;
  });
  return { answered, items: ordered };
}

/** The shared texts for these prompt keys: only the shown ones, oldest first (for a slide). */
export function shownTexts(view, promptKeys) {
  const wanted = new Set(promptKeys || []);
  return ((view && view.texts) || [])
    .filter((t) => t.shown && wanted.has(t.activity))
    .sort((a, b) => a.updated_at - b.updated_at || a.id - b.id)
    .map((t) => ({ id: t.id, activity: t.activity, text: String(t.text) }));
}

/** Every shared text for these prompt keys, shown or not (for the coach's notes window). */
export function allTexts(view, promptKeys) {
  const wanted = new Set(promptKeys || []);
  return ((view && view.texts) || [])
    .filter((t) => wanted.has(t.activity))
    .sort((a, b) => a.updated_at - b.updated_at || a.id - b.id)
    .map((t) => ({ id: t.id, activity: t.activity, text: String(t.text), shown: Boolean(t.shown) }));
}

/** The correct option (or the course's category) and why, from the notes: never for a slide. */
export function answerFor(answers, key, part) {
  const entry = answers && answers[key] && answers[key][part];
  return entry ? { correct: entry.correct, why: entry.why } : null;
}

/** How many people are in the room, from the coach's view. */
export function participants(view) {
  return Number(view && view.participants) || 0;
}
