// The participants' link and the coach's credentials. Pure functions (storage is passed in).

const CODE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/;
export const COACH_STORAGE = "equitykit-coach";

/** A room code from a fragment or a typed value, upper-cased, or null. */
export function roomCode(value) {
  const code = String(value || "").trim().toUpperCase().replace(/[\s-]/g, "");
  return CODE.test(code) ? code : null;
}

/** The participants' link: the one the room reports, else this origin's short link. */
export function participantLink(info, origin, code) {
  if (info && typeof info.join_url === "string" && /^https?:\/\//.test(info.join_url)) return info.join_url;
  return `${String(origin).replace(/\/$/, "")}/r/${code}`;
}

/** The link as people type it: no "http://", no trailing slash. */
export function shortLink(url) {
  return String(url).replace(/^https?:\/\//, "").replace(/\/$/, "");
}

/**
 * The coach's room and token. A token in the fragment (the coach link) is kept in this
 * window's session storage and then left out of the address; later pages of the same
 * window read it from there. Returns {code, token} or null.
 */
export function coachCredentials(fragment, storage) {
  const params = new URLSearchParams(String(fragment || "").replace(/^#/, ""));
  const code = roomCode(params.get("room"));
  const token = params.get("coach");
  let saved = null;
  try {
    saved = JSON.parse((storage && storage.getItem(COACH_STORAGE)) || "null");
  } catch {
    saved = null;
  }
  if (code && token) {
    try {
      if (storage) storage.setItem(COACH_STORAGE, JSON.stringify({ code, token }));
    } catch {
      // storage blocked: the token still works for this page
    }
    return { code, token };
  }
  if (saved && typeof saved.token === "string" && roomCode(saved.code)) {
    if (!code || code === saved.code) return { code: saved.code, token: saved.token };
  }
  return null;
}
