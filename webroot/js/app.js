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
