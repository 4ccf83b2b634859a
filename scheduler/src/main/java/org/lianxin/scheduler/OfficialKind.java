package org.lianxin.scheduler;

public enum OfficialKind { LEADER, DEPARTMENT_OFFICIAL }
