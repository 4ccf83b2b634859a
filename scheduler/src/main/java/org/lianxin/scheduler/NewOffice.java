package org.lianxin.scheduler;

/** An office to create; parentCode is null only for the province. Zone null means the default zone. */
public record NewOffice(String code, String name, String nameEn, OfficeLevel level, String parentCode, String zone) {
}
