/*
 * Who may take part in a reception for a case: the leaders of the case's office and of every office above it, and
 * the officials of the departments under those offices, nearest office first. Offices the user may not look into
 * are skipped. Used by the new-booking form (leaders, invitees) and the invite dialog (departments invited later).
 */
import { get } from '/js/api.js';

/** The case's office and every office above it, nearest first (departments skipped). */
export function chainOf(offices, officeId) {
  const chain = [];
  let o = offices.get(officeId);
  const seen = new Set();
  while (o && !seen.has(o.id)) {
    seen.add(o.id);
    if (o.level !== 'DEPARTMENT') chain.push(o);
    o = o.parentId == null ? null : offices.get(o.parentId);
  }
  if (!chain.length) chain.push({ id: officeId, name: String(officeId), level: 'COUNTY' });
  return chain;
}

async function officialsOf(office) {
  try {
    const list = await get('/api/v1/offices/' + office.id + '/officials?subtree=false');
    return (list || []).filter(f => f.active !== false).map(f => ({ official: f, office: office }));
  } catch (err) {
    return []; // an office the user may not look into: skip it
  }
}

/** Leaders who may receive a case of this office: those of the case's office and of every office above it. */
export async function leadersFor(offices, caseOfficeId) {
  const found = await Promise.all(chainOf(offices, caseOfficeId).map(officialsOf));
  return found.flat().filter(x => x.official.kind === 'LEADER');
}

/**
 * Department officials who may join a reception for a case of this office: those of the departments under the
 * case's office and under every office above it, nearest first. Departments the user may not look into are skipped.
 */
export async function departmentOfficialsFor(offices, caseOfficeId) {
  const chain = chainOf(offices, caseOfficeId);
  const rank = new Map(chain.map((o, i) => [o.id, i]));
  const departments = [...offices.values()].filter(o => o.level === 'DEPARTMENT' && rank.has(o.parentId));
  const found = await Promise.all(departments.map(officialsOf));
  return found.flat().filter(x => x.official.kind === 'DEPARTMENT_OFFICIAL')
    .sort((a, b) => rank.get(a.office.parentId) - rank.get(b.office.parentId));
}
