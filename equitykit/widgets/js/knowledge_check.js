// Knowledge check: multiple choice, with feedback that explains every option. The learner's
// answers are saved as {answers: {<question id>: {option: <option id>, at}}}.

import { el, uid } from "./lib/dom.js";
import { isRecord } from "./lib/text.js";
import { keyOf, savedMessage, storeFor } from "./lib/widget.js";

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
    for (const option of question.options) {
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
