package org.lianxin.supervision;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where notices go. Called inside the transaction of the change that made them: an implementation that writes an
 * outbox in the same database keeps a notice exactly when the change commits.
 */
@FunctionalInterface
public interface SupervisionNotices {
    /** Logs each notice (kind, item and case number only). */
    SupervisionNotices LOG = new SupervisionNotices() {
        private final Logger log = LoggerFactory.getLogger(SupervisionNotices.class);

        @Override
        public void send(SupervisionNotice n) {
            log.info("supervision notice {} item {} ({}) case {} to offices {}", n.kind(), n.itemNumber(), n.itemId(),
                    n.caseNumber(), n.recipientOfficeIds());
        }
    };

    void send(SupervisionNotice notice);
}
