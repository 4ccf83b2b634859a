/*
 * The tree view's data: the chosen office (its total), its children (each with its subtree's figures, and 本级), and
 * their children in turn — one statistics request per child office that has offices under it, four at a time.
 */
import { get } from '/js/api.js';

/**
 * {row, children} for the office of {@code table} (its OFFICE_CHILDREN answer); {@code query} the range,
 * {@code offices} every office by id.
 */
export async function officeTree(table, query, offices) {
  const hasChildren = new Set();
  offices.forEach(o => { if (o.parentId !== null && o.parentId !== undefined) hasChildren.add(o.parentId); });
  const children = table.rows.map(r => ({ key: r.key, row: r, children: [] }));
  const deeper = children.filter(c => /^\d+$/.test(c.key) && hasChildren.has(Number(c.key)));
  for (let i = 0; i < deeper.length; i += 4) {
    const batch = deeper.slice(i, i + 4);
    const answers = await Promise.all(batch.map(c => get('/api/v1/statistics?' + new URLSearchParams({
      office: c.key, from: query.from, to: query.to, groupBy: 'OFFICE_CHILDREN' }))));
    batch.forEach((c, j) => { c.children = answers[j].rows.map(r => ({ key: r.key, row: r, children: [] })); });
  }
  return { key: String(table.office.id), row: table.total, office: table.office, children: children };
}

/** Gives every node of the tree its label in the page's language ({@code rowLabel} for rows, the office's name at the root). */
export function labelTree(tree, rowLabel, officeName) {
  tree.label = officeName(tree.office);
  (function walk(nodes) {
    nodes.forEach(n => { n.label = rowLabel(n.row); walk(n.children); });
  })(tree.children);
  return tree;
}
