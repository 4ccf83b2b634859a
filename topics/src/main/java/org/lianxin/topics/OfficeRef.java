package org.lianxin.topics;

/** An office as topics show it: a place or a lead unit. */
public record OfficeRef(long id, String name, String nameEn, String level) {
}
