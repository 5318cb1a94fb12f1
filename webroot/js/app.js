// Shared page behaviour. Loaded as a file: the Content-Security-Policy allows no inline script.
(function () {
  'use strict';

  // Forms marked data-confirm ask before submitting (disable an account, reset a password).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // fetch() wrapper for pages that call the JSON API with the session cookie: adds the CSRF header.
  window.kt = window.kt || {};
  window.kt.csrfToken = function () {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  };
  // The content vocabulary (scenarios/labels.yaml), served once per page: the Chinese word for every id a user sees.
  var labelsMeta = document.querySelector('meta[name="kt-labels"]');
  var labels = {};
  try {
    labels = labelsMeta ? JSON.parse(labelsMeta.getAttribute('content')) : {};
  } catch (e) {
    labels = {};
  }
  ['category', 'outcome', 'mode', 'verdict', 'dimension', 'finding', 'violation', 'order_status', 'mood', 'rule', 'kpi', 'kpi_unit'].forEach(function (k) {
    labels[k] = labels[k] || {};
  });
  window.kt.labels = labels;
  /** The word for an id of a kind; the id itself when the vocabulary has none. */
  window.kt.label = function (kind, id) {
    return (labels[kind] && labels[kind][id]) || id;
  };
  window.kt.api = function (method, url, body) {
    var options = { method: method, credentials: 'same-origin', headers: { 'Accept': 'application/json' } };
    if (method !== 'GET') {
      options.headers['X-CSRF-Token'] = window.kt.csrfToken();
    }
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return fetch(url, options);
  };
})();
