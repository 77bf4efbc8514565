// Where the presenter is in a deck, and what each key does. Pure functions: no DOM.
//
// A deck's slides carry `room_only: true` when they only make sense with a live room (the
// join slide, the room's answers); without a room they are skipped. The position is kept as
// the slide's id, so it survives a room joining or leaving mid-session.

/** The slides to show: all of them in a room, the others without one. */
export function visibleSlides(slides, inRoom) {
  return slides.filter((slide) => inRoom || !slide.room_only);
}

/** The index of the slide with this id among `visible`, or the nearest earlier one, or 0. */
export function indexOfId(slides, visible, id) {
  const direct = visible.findIndex((slide) => slide.id === id);
  if (direct >= 0) return direct;
  const order = slides.findIndex((slide) => slide.id === id);
  if (order < 0) return 0;
  for (let i = order - 1; i >= 0; i -= 1) {
    const back = visible.findIndex((slide) => slide.id === slides[i].id);
    if (back >= 0) return back;
  }
  return 0;
}

/** The position after an action: next, prev, first, last, or {goto: index}. */
export function move(index, count, action) {
  if (count <= 0) return 0;
  const clamp = (n) => Math.max(0, Math.min(count - 1, n));
  if (action === "next") return clamp(index + 1);
  if (action === "prev") return clamp(index - 1);
  if (action === "first") return 0;
  if (action === "last") return count - 1;
  if (action && typeof action === "object" && Number.isInteger(action.goto)) return clamp(action.goto);
  return clamp(index);
}

const KEYS = {
  ArrowRight: "next",
  ArrowDown: "next",
  PageDown: "next",
  " ": "next",
  Enter: "next",
  ArrowLeft: "prev",
  ArrowUp: "prev",
  PageUp: "prev",
  Backspace: "prev",
  Home: "first",
  End: "last",
  t: "timer",
  T: "timer",
  r: "reset",
  R: "reset",
  n: "notes",
  N: "notes",
  f: "fullscreen",
  F: "fullscreen",
  b: "blank",
  B: "blank",
  ".": "blank",
  "?": "help",
  Escape: "escape",
};

/** The action for a key press, or null (modifier keys and typing in a field do nothing). */
export function keyAction(event) {
  if (!event || event.altKey || event.ctrlKey || event.metaKey) return null;
  const target = event.target;
  const tag = target && target.tagName ? String(target.tagName).toLowerCase() : "";
  if (tag === "input" || tag === "textarea" || tag === "select" || (target && target.isContentEditable)) return null;
  if (tag === "button" && (event.key === " " || event.key === "Enter")) return null;
  return KEYS[event.key] ?? null;
}

/** Every key and what it does, for the help overlay. */
export const KEY_HELP = [
  ["Right arrow, Page Down, Space", "next slide"],
  ["Left arrow, Page Up", "previous slide"],
  ["Home, End", "first, last slide"],
  ["T", "pause or restart the timer"],
  ["R", "reset the timer of this step"],
  ["N", "open the speaker notes in a new window"],
  ["F", "full screen"],
  ["B or .", "blank the screen"],
  ["?", "show or hide this list"],
];

/** The slide id and room code in a presenter address's fragment (`#room=K7QX4M&slide=s5`). */
export function readFragment(hash) {
  const params = new URLSearchParams(String(hash || "").replace(/^#/, ""));
  return {
    room: params.get("room"),
    coach: params.get("coach"),
    slide: params.get("slide"),
  };
}

/** A fragment without the coach token, so it never shows in the projected address bar. */
export function writeFragment({ room = null, slide = null } = {}) {
  const params = new URLSearchParams();
  if (room) params.set("room", room);
  if (slide) params.set("slide", slide);
  const text = params.toString();
  return text ? `#${text}` : "";
}
