package org.lianxin.scheduler;

public enum TerminalStatus { ACTIVE, MAINTENANCE }
