// Numbers and times as the pages show them.

/**
 * Seconds with one decimal, as the transcript and the KPIs show a response time (measured by the server from the
 * first buyer message of the round).
 */
export function seconds(ms) {
  return Math.round(ms / 100) / 10;
}

/** The clock time of an ISO instant, HH:MM:SS in the browser's zone; '' when it is not a time. */
export function clock(iso) {
  const d = new Date(iso);
  if (isNaN(d.getTime())) {
    return '';
  }
  function p(n) { return (n < 10 ? '0' : '') + n; }
  return p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds());
}

/** Milliseconds since the epoch of an ISO instant. */
export function ms(iso) {
  return new Date(iso).getTime();
}

/** 0–5 as filled and empty stars. */
export function stars(n) {
  n = Math.max(0, Math.min(5, n || 0));
  return '★★★★★'.slice(0, n) + '☆☆☆☆☆'.slice(0, 5 - n);
}

/** A score (a number, or {score}) with one decimal; — when there is none. */
export function num(v) {
  if (typeof v === 'number') {
    return Math.round(v * 10) / 10;
  }
  if (v && typeof v === 'object' && typeof v.score === 'number') {
    return Math.round(v.score * 10) / 10;
  }
  return '—';
}
