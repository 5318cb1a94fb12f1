// The JSON API with the session cookie: every call but a GET carries the page's CSRF token as a header.

export function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute('content') : '';
}

/** fetch() with the CSRF header and a JSON body; resolves to the Response. */
export function request(method, url, body) {
  const options = { method: method, credentials: 'same-origin', headers: { 'Accept': 'application/json' } };
  if (method !== 'GET') {
    options.headers['X-CSRF-Token'] = csrfToken();
  }
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  return fetch(url, options);
}

/** A call whose answer is read whatever its status: {ok, status, body} with body the parsed JSON or null. */
export function api(method, url, body) {
  return request(method, url, body).then(function (res) {
    return res.text().then(function (text) {
      let json = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch (e) {
        json = null;
      }
      return { ok: res.ok, status: res.status, body: json };
    });
  });
}

/** A Response's JSON body; a refused request rejects with the server's message ({error}) and its status. */
export function json(response) {
  return response.json().then(function (body) {
    if (!response.ok) {
      const e = new Error(body.error || ('HTTP ' + response.status));
      e.status = response.status;
      throw e;
    }
    return body;
  });
}
