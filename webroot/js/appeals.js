// 申诉 on a transcript (/progress/sessions/{id}): each appealable item gets a small form; the appeal is filed over
// the JSON API and the page reloads to show its status. A module file: the CSP allows no inline script.
import { request } from './api.js';

// a module has no document.currentScript: the session id rides on the script tag all the same
const script = document.querySelector('script[data-session]');
const sessionId = script && script.getAttribute('data-session');
const template = document.getElementById('appeal-form');
if (sessionId && template) {
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('.appeal-open');
    if (!button) {
      return;
    }
    var item = button.closest('.appeal-target');
    if (item.querySelector('.appeal-form')) {
      return;
    }
    var form = template.content.firstElementChild.cloneNode(true);
    item.appendChild(form);
    form.querySelector('textarea').focus();
    form.querySelector('.appeal-cancel').addEventListener('click', function () {
      form.remove();
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var reason = form.querySelector('textarea').value.trim();
      var error = form.querySelector('.appeal-error');
      if (!reason) {
        error.textContent = '请填写申诉理由';
        return;
      }
      form.querySelector('button[type=submit]').disabled = true;
      request('POST', '/api/appeals', {
        sessionId: sessionId,
        replyId: Number(item.getAttribute('data-reply')),
        target: item.getAttribute('data-target'),
        reason: reason
      }).then(function (r) {
        if (r.status === 201) {
          window.location.reload();
          return;
        }
        return r.json().then(function (body) {
          error.textContent = r.status === 409 ? '这一项已经申诉过了' : '提交失败:' + (body && body.error || r.status);
          form.querySelector('button[type=submit]').disabled = false;
        });
      }, function () {
        error.textContent = '网络错误,请重试';
        form.querySelector('button[type=submit]').disabled = false;
      });
    });
  });
}
