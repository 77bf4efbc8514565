// Knowledge check: multiple choice, with feedback that explains every option. The learner's
// answers are saved as {answers: {<question id>: {option: <option id>, at}}}.

import { el, uid } from "./lib/dom.js";
import { isRecord } from "./lib/text.js";
import { keyOf, savedMessage, storeFor } from "./lib/widget.js";

// Options are shown in an order of this learner's own, the same on every visit: a seed kept
// in this browser, mixed with the question's id, orders each question's options.
export function shuffledOptions(options, seed, questionId) {
  let h = 2166136261;
  for (const ch of `${seed}|${questionId}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const random = () => {
    h = (h + 0x6d2b79f5) >>> 0;
    let t = h;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = [...options];
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

const SEED_KEY = "equitykit/ui/option-order";
function learnerSeed() {
  try {
    let seed = window.localStorage.getItem(SEED_KEY);
    if (!seed) {
      seed = Math.random().toString(36).slice(2, 12);
      window.localStorage.setItem(SEED_KEY, seed);
    }
    return seed;
  } catch (error) {
    return "no-storage"; // stable for everyone when this browser keeps nothing
  }
}

// How many questions are answered, and answered right (the summary under the check).
export function checkScore(questions, answers) {
  let answered = 0;
  let right = 0;
  for (const question of questions) {
    const answer = answers[question.id];
    const option = isRecord(answer) ? question.options.find((o) => o.id === answer.option) : undefined;
    if (!option) continue;
    answered += 1;
    if (option.correct) right += 1;
  }
  return { answered, right, total: questions.length };
}

async function render({ model, el: host }) {
  const store = await storeFor(model, host);
  const key = keyOf(model);
  const questions = model.get("questions");
  const saved = store.get(key);
  let answers = isRecord(saved) && isRecord(saved.answers) ? { ...saved.answers } : {};
  const root = el("div", { className: "ek-widget ek-check" });
  const seed = learnerSeed();
  const summary = el("p", { className: "ek-summary", "aria-live": "polite" });
  const status = el("p", { className: "ek-status", role: "status" });

  function updateSummary() {
    const { answered, right, total } = checkScore(questions, answers);
    summary.textContent = answered
      ? `${right} of ${total} answered correctly (${answered} answered).`
      : `${total} questions. Choose an answer to see why it is or is not the best one.`;
  }

  questions.forEach((question, qIndex) => {
    const name = uid(`ek-q${qIndex}`);
    const fieldset = el("fieldset", { className: "ek-question", "data-question": question.id });
    fieldset.append(el("legend", { text: `${qIndex + 1}. ${question.question}` }));
    const feedback = el("div", { className: "ek-feedback", "aria-live": "polite" });

    function showFeedback(option) {
      feedback.className = `ek-feedback ${option.correct ? "ek-correct" : "ek-incorrect"}`;
      feedback.replaceChildren(el("strong", { text: option.correct ? "Correct. " : "Not the best answer. " }), option.feedback);
    }

    const chosen = isRecord(answers[question.id]) ? answers[question.id].option : null;
    for (const option of shuffledOptions(question.options, seed, question.id)) {
      const id = `${name}-${option.id}`;
      const input = el("input", { type: "radio", name, id, value: option.id, checked: chosen === option.id });
      input.addEventListener("change", async () => {
        answers = { ...answers, [question.id]: { option: option.id, at: new Date().toISOString() } };
        showFeedback(option);
        updateSummary();
        const reply = await store.save(key, { answers });
        status.textContent = reply.ok ? "" : savedMessage(store, reply);
      });
      fieldset.append(el("div", { className: "ek-option" }, [input, el("label", { for: id, text: option.text })]));
    }
    fieldset.append(feedback);
    const option = question.options.find((o) => o.id === chosen);
    if (option) showFeedback(option);
    root.append(fieldset);
  });
  updateSummary();
  root.append(summary, status);
  host.append(root);
}

export default { render };
