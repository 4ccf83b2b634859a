package org.lianxin.web.webhooks;

import java.util.ArrayList;
import java.util.List;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Offices;

/** An office and its ancestors up to the root: the endpoints of any of them receive what happens there. */
final class OfficeLineage {
    private static final int MAX_DEPTH = 16;

    private final Offices offices;

    OfficeLineage(Offices offices) {
        this.offices = offices;
    }

    List<Long> of(long officeId) {
        List<Long> lineage = new ArrayList<>();
        Long id = officeId;
        while (id != null && lineage.size() < MAX_DEPTH && !lineage.contains(id)) {
            lineage.add(id);
            Office office = offices.get(id);
            id = office.parentId();
        }
        return lineage;
    }
}
