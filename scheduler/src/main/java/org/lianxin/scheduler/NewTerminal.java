package org.lianxin.scheduler;

public record NewTerminal(long officeId, String name, String location) {
}
