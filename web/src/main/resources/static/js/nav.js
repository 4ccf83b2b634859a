/*
 * The links between the staff pages, by role (the home page sends each role to its own page; from there these lead
 * on): the console for leaders and officials, the booking page for schedulers and administrators, the review page
 * for reviewers and administrators, the unit inbox for the staff of a unit (officials, schedulers, leaders), the
 * supervision workplace and the topics (一题一专项) for supervisors (reviewers, leaders, administrators), the
 * bulletins and rankings for leaders, administrators and reviewers, the statistics page for every staff role (the
 * statistics API serves any signed-in user, each for their own subtree), the third-party evaluation's draws and pool
 * for reviewers and administrators, the webhook endpoints for administrators, and an evaluator's own page (an
 * evaluator has no other), and the audit trail for the auditor only,
 * the accounts and roles for the security and system administrators (三员分立). The page shown now is marked.
 */
import { el } from '/js/dom.js';
import { t } from '/js/i18n.js';

const LINKS = [
  { id: 'console', href: '/console/', key: 'nav.console', roles: ['LEADER', 'OFFICIAL', 'ADMIN'] },
  { id: 'booking', href: '/booking/', key: 'nav.booking', roles: ['SCHEDULER', 'ADMIN'] },
  { id: 'terminal', href: '/terminal/', key: 'nav.terminal', roles: ['SCHEDULER'] },
  { id: 'review', href: '/review/', key: 'nav.review', roles: ['REVIEWER', 'ADMIN', 'LEADER'] },
  { id: 'inbox', href: '/supervision/inbox/', key: 'nav.inbox', roles: ['OFFICIAL', 'SCHEDULER', 'LEADER'] },
  { id: 'supervision', href: '/supervision/', key: 'nav.supervision', roles: ['REVIEWER', 'LEADER', 'ADMIN'] },
  { id: 'topics', href: '/topics/', key: 'nav.topics', roles: ['REVIEWER', 'LEADER', 'ADMIN'] },
  { id: 'reports', href: '/reports/', key: 'nav.reports', roles: ['LEADER', 'ADMIN', 'REVIEWER'] },
  { id: 'draws', href: '/evaluation/draws/', key: 'nav.draws', roles: ['REVIEWER', 'ADMIN'] },
  { id: 'statistics', href: '/statistics/', key: 'nav.statistics',
    roles: ['ADMIN', 'SCHEDULER', 'LEADER', 'OFFICIAL', 'REVIEWER'] },
  { id: 'webhooks', href: '/webhooks/', key: 'nav.webhooks', roles: ['ADMIN'] },
  { id: 'evaluation', href: '/evaluation/', key: 'nav.evaluation', roles: ['EVALUATOR'] },
  { id: 'audit', href: '/audit/', key: 'nav.audit', roles: ['AUDITOR'] },
  { id: 'users', href: '/users/', key: 'nav.users', roles: ['SECURITY_ADMIN', 'ADMIN'] }
];

/** The links a role has, as {id, href, key}. */
export function linksFor(role) {
  return LINKS.filter(l => l.roles.includes(role));
}

/**
 * Fills the nav element with the links of the user's role; {@code current} is the id of this page; {@code only}
 * (optional) keeps the links of these ids (for a page that has its other links already).
 */
export function renderNav(nav, me, current, only) {
  if (!nav) return;
  nav.replaceChildren();
  if (!me) return;
  for (const l of linksFor(me.role).filter(x => !only || only.includes(x.id))) {
    nav.appendChild(el('a', { href: l.href, 'data-testid': 'nav-' + l.id,
      'aria-current': l.id === current ? 'page' : null }, t(l.key)));
  }
}
