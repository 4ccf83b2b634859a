/**
 * The auditor's feature (三员分立): the trail's search and masked CSV export for the auditor of an office's subtree
 * (and only the auditor; each search and export is itself audited), and the masking of personal data in what it
 * answers. The trail itself is wired in {@code web.audit}.
 */
package org.lianxin.web.auditor;
