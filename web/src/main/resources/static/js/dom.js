/* Building the pages' DOM: an element by id, and el() to make elements with attributes, handlers and children. */

export const byId = (id) => document.getElementById(id);

/** el('button', {class: 'x', dataset: {id: 1}, onclick: fn}, 'text', child…) */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'dataset') Object.assign(node.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.substring(2), v);
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return node;
}

/**
 * fn, called at most once per task however often the returned function is: at the end of the task (a microtask), so
 * that the several events one message brings draw a page once.
 */
export function oncePerTask(fn) {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => { queued = false; fn(); });
  };
}
