// Behaviour every page shares. A module file: the Content-Security-Policy allows no inline script.

// Forms marked data-confirm ask before submitting (disable an account, reset a password).
document.addEventListener('submit', function (event) {
  const form = event.target;
  const question = form.getAttribute && form.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
