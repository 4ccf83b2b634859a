package org.lianxin.scheduler;

import java.io.Reader;
import java.util.List;

/** The office tree: province → cities → counties, with departments under offices. */
public interface Offices {
    Office get(long id);

    Office byCode(String code);

    /** The whole tree in path order (a province has a few hundred offices). */
    List<Office> all();

    /** The office and everything below it, in path order. */
    List<Office> subtree(long officeId);

    /** The office a case of this office's officials must lie under: the office itself, or a department's parent. */
    Office jurisdictionOf(long officeId);

    Office create(Actor actor, NewOffice office);

    /**
     * Imports offices from CSV with the header {@code code,name,name_en,level,parent_code,zone}; parents before
     * children. All or nothing: the first bad row aborts the import and nothing is written.
     *
     * @return the number of offices created
     */
    int importCsv(Actor actor, Reader csv);
}
