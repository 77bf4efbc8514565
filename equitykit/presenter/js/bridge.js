// The participant bridge's rules: which of a learner's saved answers go to a live room.
// Pure functions: no DOM, no storage, no network.
//
// The widgets save {answers: {<question>: {option}}} (knowledge checks), {choices: {<item>:
// category}} (sorting) and {texts: {<prompt>: text}} (reflections) under "<module>/<activity>".
// The room's activities (from joining) say what it collects: a check or sort under the same
// key; each reflection prompt under "<module>/<activity>/<prompt>". `forwarded` remembers what
// was last sent for each room key and item, so only a changed answer travels; `shared` holds
// the reflection prompts the learner chose to share.

const isRecord = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** The reflection prompt keys the room collects under an activity key. */
export function promptKeys(key, activities) {
  return Object.keys(activities || {}).filter((k) => k.startsWith(`${key}/`) && activities[k].kind === "reflection");
}

function checkOnes(key, value, spec) {
  const answers = isRecord(value && value.answers) ? value.answers : {};
  const out = [];
  for (const [question, answer] of Object.entries(answers)) {
    const options = spec.questions[question];
    const option = isRecord(answer) ? answer.option : undefined;
    if (options && options.includes(option)) out.push({ activity: key, kind: "check", item: question, payload: { question, option } });
  }
  return out;
}

function sortOnes(key, value, spec) {
  const choices = isRecord(value && value.choices) ? value.choices : {};
  const out = [];
  for (const [item, category] of Object.entries(choices)) {
    if (spec.items.includes(item) && spec.categories.includes(category)) out.push({ activity: key, kind: "sort", item, payload: { item, category } });
  }
  return out;
}

function reflectionOnes(key, value, activities, shared) {
  const texts = isRecord(value && value.texts) ? value.texts : {};
  const out = [];
  for (const roomKey of promptKeys(key, activities)) {
    if (!shared[roomKey]) continue;
    const prompt = roomKey.slice(key.length + 1);
    const text = typeof texts[prompt] === "string" ? texts[prompt].trim() : "";
    out.push({ activity: roomKey, kind: "reflection", item: "", payload: { text } });
  }
  return out;
}

/** Every answer in a saved value that the room collects, as room submissions (with `item`). */
export function candidates(key, value, activities, shared = {}) {
  const spec = activities && activities[key];
  if (spec && spec.kind === "check") return checkOnes(key, value, spec);
  if (spec && spec.kind === "sort") return sortOnes(key, value, spec);
  return reflectionOnes(key, value, activities, shared);
}

function sentValue(submission) {
  const p = submission.payload;
  return submission.kind === "check" ? p.option : submission.kind === "sort" ? p.category : p.text;
}

/** The submissions to send for a save: the collected answers that differ from what was sent. */
export function submissionsFor(key, value, activities, shared = {}, forwarded = {}) {
  return candidates(key, value, activities, shared).filter((s) => {
    const before = forwarded[s.activity] && forwarded[s.activity][s.item];
    if (s.kind === "reflection" && before === undefined && s.payload.text === "") return false;
    return before !== sentValue(s);
  });
}

/** `forwarded` with these submissions recorded as sent (a new object). */
export function remember(forwarded, submissions) {
  const out = { ...forwarded };
  for (const s of submissions) out[s.activity] = { ...(out[s.activity] || {}), [s.item]: sentValue(s) };
  return out;
}

/** What is already saved when the learner joins: recorded as sent, so only new answers go. */
export function baseline(saved, activities) {
  let forwarded = {};
  for (const [key, value] of Object.entries(saved || {})) {
    forwarded = remember(forwarded, candidates(key, value, activities, {}));
  }
  return forwarded;
}

/** Withdrawing a shared reflection: an empty text, sent only if something was shared. */
export function withdrawal(roomKey, forwarded) {
  const before = forwarded[roomKey] && forwarded[roomKey][""];
  return before ? [{ activity: roomKey, kind: "reflection", item: "", payload: { text: "" } }] : [];
}

/** The sentence the learner sees about the room connection. */
export function statusText(status) {
  const room = status.code ? `Room ${status.code}` : "Room";
  const waiting = status.queued === 1 ? "1 answer waiting" : `${status.queued} answers waiting`;
  switch (status.connection) {
    case "ready":
      return status.queued ? `${room}: connected, ${waiting}.` : `${room}: connected. Your answers are sent without your name.`;
    case "sending":
      return `${room}: sending, ${waiting}.`;
    case "offline":
      return `${room}: offline. ${waiting}; they are sent when you are back online.`;
    case "retrying":
      return `${room}: the room is busy. ${waiting}; trying again shortly.`;
    case "needs-join":
      return `${room}: join again to send ${status.queued ? waiting : "your answers"}.`;
    case "closed":
      return `${room} has closed. Your answers are still saved in this browser.`;
    default:
      return "Not in a room.";
  }
}
