// Countdown timers, one per agenda step (and one per protocol step). Pure functions over a
// plain state object, so they are easy to test and to send to the notes window.
//
// A timer is {id, minutes, startedAt, pausedAt, spentMs}: `spentMs` is the running time
// before the last start; `startedAt` is null while paused or not started.

/** A timer that has not started. */
export function newTimer(id, minutes) {
  return { id, minutes, startedAt: null, spentMs: 0, started: false };
}

/** Milliseconds the timer has run, at `now`. */
export function elapsedMs(timer, now) {
  return timer.spentMs + (timer.startedAt === null ? 0 : Math.max(0, now - timer.startedAt));
}

/** Milliseconds left (negative once the step runs over). */
export function remainingMs(timer, now) {
  return timer.minutes * 60000 - elapsedMs(timer, now);
}

export function isRunning(timer) {
  return timer.startedAt !== null;
}

export function start(timer, now) {
  return isRunning(timer) ? timer : { ...timer, startedAt: now, started: true };
}

export function pause(timer, now) {
  if (!isRunning(timer)) return timer;
  return { ...timer, spentMs: elapsedMs(timer, now), startedAt: null };
}

export function toggle(timer, now) {
  return isRunning(timer) ? pause(timer, now) : start(timer, now);
}

export function reset(timer) {
  return newTimer(timer.id, timer.minutes);
}

/** "12:05", "0:09", or "-1:30" once over time. */
export function formatRemaining(ms) {
  const pad = (n) => String(n).padStart(2, "0");
  if (ms >= 0) {
    const seconds = Math.ceil(ms / 1000);
    return `${Math.floor(seconds / 60)}:${pad(seconds % 60)}`;
  }
  const over = Math.floor(-ms / 1000);
  return over === 0 ? "0:00" : `-${Math.floor(over / 60)}:${pad(over % 60)}`;
}

/** "running", "paused", "over" or "ready": for the timer's colour and its spoken label. */
export function timerPhase(timer, now) {
  if (!timer.started) return "ready";
  if (remainingMs(timer, now) < 0) return "over";
  return isRunning(timer) ? "running" : "paused";
}

/** The time of day ("10:45") when a running timer reaches zero, or null. */
export function endsAt(timer, now, locale = undefined) {
  if (!isRunning(timer)) return null;
  const end = new Date(now + remainingMs(timer, now));
  return end.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
}

/** Enter a slide's timer: make it if new, start it the first time it is shown. */
export function enter(timers, spec, now) {
  const current = timers[spec.id] ?? newTimer(spec.id, spec.minutes);
  const next = current.started ? current : start(current, now);
  return { ...timers, [spec.id]: next };
}
