package org.lianxin.scheduler;

public enum CaseStatus { OPEN, IN_PROGRESS, CLOSED }
