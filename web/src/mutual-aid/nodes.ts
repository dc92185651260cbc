// Drops the null entries that stand for parts a view leaves out, for replaceChildren.
export function present(nodes: ReadonlyArray<Node | null>): Node[] {
  return nodes.filter((node): node is Node => node !== null);
}

// Makes the list's children `nodes`, in order, inserting rather than moving
// nodes where it can: a moved node would lose the focus of an input in it.
export function placeInOrder(list: HTMLElement, nodes: readonly HTMLElement[]): void {
  nodes.forEach((node, index) => {
    const current = list.children[index];
    if (current !== node) {
      list.insertBefore(node, current ?? null);
    }
  });
  while (list.children.length > nodes.length) {
    list.lastElementChild!.remove();
  }
}
