package org.lianxin.scheduler;

public enum InvitationState { PENDING, ACCEPTED, DECLINED }
