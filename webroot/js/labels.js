// The content vocabulary (scenarios/labels.yaml, KPI names from kpi.yaml), served once per page as the kt-labels
// meta tag: the Chinese word for every id a user sees, so an id has one word on every page.

const KINDS = ['category', 'outcome', 'mode', 'verdict', 'dimension', 'finding', 'violation', 'order_status', 'mood',
  'rule', 'kpi', 'kpi_unit', 'note'];

function read() {
  const meta = document.querySelector('meta[name="kt-labels"]');
  let labels = {};
  try {
    labels = meta ? JSON.parse(meta.getAttribute('content')) : {};
  } catch (e) {
    labels = {};
  }
  KINDS.forEach(function (k) {
    labels[k] = labels[k] || {};
  });
  return labels;
}

/** Every kind with its words: L.outcome.converted is 成交. */
export const L = read();

/** The word for an id of a kind; the id itself when the vocabulary has none. */
export function label(kind, id) {
  return (L[kind] && L[kind][id]) || id;
}
