// Keeps the slides window and the speaker-notes window together (BroadcastChannel).
//
// The slides window owns the position and the timers and announces them after every change
// ({type: "state", ...}); the notes window asks for them when it opens ({type: "hello"}) and
// sends the presenter's commands ({type: "command", action}). Messages for another deck, or
// that are not one of these, are ignored.

export const ACTIONS = ["next", "prev", "first", "last", "timer", "reset", "blank"];

export function channelName(deckId) {
  return `equitykit-presenter/${deckId}`;
}

/** The message if it is one this deck's windows understand, else null. */
export function readMessage(data, deckId) {
  if (!data || typeof data !== "object" || data.deck !== deckId) return null;
  if (data.type === "hello") return data;
  if (data.type === "state" && typeof data.slide === "string" && data.timers && typeof data.timers === "object") return data;
  if (data.type === "command") {
    const action = data.action;
    if (ACTIONS.includes(action)) return data;
    if (action && typeof action === "object" && Number.isInteger(action.goto)) return data;
  }
  return null;
}

/** Open the channel for one deck; `onMessage(message)` gets only valid messages. */
export function openSync(deckId, onMessage, Channel = globalThis.BroadcastChannel) {
  if (typeof Channel !== "function") return { send() {}, close() {}, available: false };
  const channel = new Channel(channelName(deckId));
  channel.onmessage = (event) => {
    const message = readMessage(event.data, deckId);
    if (message) onMessage(message);
  };
  return {
    available: true,
    send(message) {
      channel.postMessage({ ...message, deck: deckId });
    },
    close() {
      channel.close();
    },
  };
}
