package org.lianxin.scheduler;

import java.time.ZoneId;

/**
 * A petition office (province, city, county) or a functional department under one.
 *
 * @param path materialised path of ids ("/1/4/37/"); an office's subtree is every office whose path starts with it
 */
public record Office(long id, String code, String name, String nameEn, OfficeLevel level, Long parentId, String path,
                     ZoneId zone) {

    /** True if {@code other} is this office or lies below it. */
    public boolean contains(Office other) {
        return other.path.startsWith(path);
    }
}
