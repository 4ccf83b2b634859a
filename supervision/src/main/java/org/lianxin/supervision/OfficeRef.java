package org.lianxin.supervision;

/** An office as items show it. */
public record OfficeRef(long id, String name, String nameEn) {
}
