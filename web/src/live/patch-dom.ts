// Brings the children of `parent` in line with `next` while keeping every
// node whose type and tag are unchanged: such nodes only get the new text and
// attributes, so a popup refreshed every second keeps its text selection and
// hover. Other nodes are replaced, and so are all children of a node whose
// number of children changed. Returns whether any node was replaced, since
// that can change the popup's size. Event listeners on `next` are lost where
// a node is kept, so only content without listeners should be patched.
export function patchChildren(parent: Element, next: readonly Node[]): boolean {
  const current = [...parent.childNodes];
  if (current.length !== next.length) {
    parent.replaceChildren(...next);
    return true;
  }

  let replaced = false;
  current.forEach((node, index) => {
    replaced = patchNode(node, next[index]!) || replaced;
  });
  return replaced;
}

function patchNode(current: Node, next: Node): boolean {
  if (current.nodeType !== next.nodeType || current.nodeName !== next.nodeName) {
    current.parentNode!.replaceChild(next, current);
    return true;
  }

  if (current instanceof Element && next instanceof Element) {
    patchAttributes(current, next);
    return patchChildren(current, [...next.childNodes]);
  }
  if (current.nodeValue !== next.nodeValue) {
    current.nodeValue = next.nodeValue;
  }
  return false;
}

function patchAttributes(current: Element, next: Element): void {
  for (const name of current.getAttributeNames()) {
    if (!next.hasAttribute(name)) {
      current.removeAttribute(name);
    }
  }
  for (const name of next.getAttributeNames()) {
    const value = next.getAttribute(name)!;
    if (current.getAttribute(name) !== value) {
      current.setAttribute(name, value);
    }
  }
}
