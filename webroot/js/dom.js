// Element helpers shared by the page scripts. The CSP allows no inline script or style, and data never goes in
// through innerHTML: text is set with textContent, so the DOM does the escaping.

/** The element with this id. */
export function $(id) {
  return document.getElementById(id);
}

/** Creates an element; text is always set through textContent. */
export function h(tag, cls, text) {
  const el = document.createElement(tag);
  if (cls) {
    el.className = cls;
  }
  if (text !== undefined && text !== null) {
    el.textContent = String(text);
  }
  return el;
}

/** Creates an element from attributes (text, className, any other attribute) and children (null ones skipped). */
export function el(tag, attrs, children) {
  const node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) {
    if (k === 'text') node.textContent = attrs[k];
    else if (k === 'className') node.className = attrs[k];
    else node.setAttribute(k, attrs[k]);
  });
  (children || []).forEach(function (c) { if (c) node.appendChild(c); });
  return node;
}

/** An attribute selector for a value from data (a session id, a scenario id), escaped for CSS. */
export function byAttr(name, value) {
  return '[' + name + '="' + CSS.escape(String(value)) + '"]';
}
