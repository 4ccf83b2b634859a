package org.lianxin.scheduler;

/** The three administrative levels of petition offices, plus functional departments under an office. */
public enum OfficeLevel { PROVINCE, CITY, COUNTY, DEPARTMENT }
