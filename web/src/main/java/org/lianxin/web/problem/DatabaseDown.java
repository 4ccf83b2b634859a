package org.lianxin.web.problem;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure is the database not answering (its primary down, a failover under way, the network to it cut):
 * then a request is refused with 503 {@code database-unavailable} and {@code Retry-After}, not as an internal error
 * nor — when the failure came while looking up the user — as "log in first" (issue 14: new joins refused with a clear
 * message while live media goes on).
 */
public final class DatabaseDown {
    /** Seconds a client is asked to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;
    public static final String DETAIL = "the database does not answer (数据库暂时无法访问); live receptions go on — try again in a moment";

    private DatabaseDown() {
    }

    /** True if {@code e} or one of its causes says the database could not be reached. */
    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof TransientDataAccessResourceException || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
        }
        return false;
    }
}
