package org.lianxin.web.cases;

import org.lianxin.scheduler.ImportResult;

/** An import the scheduler refused row by row: nothing was written. */
public final class ImportRejected extends RuntimeException {
    private final transient ImportResult result;

    public ImportRejected(ImportResult result) {
        super(result.errors().size() + " row(s) rejected; nothing was imported", null, false, false);
        this.result = result;
    }

    public ImportResult result() {
        return result;
    }
}
